package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check of a served value against the source of truth, on planted right and wrong values. */
class ValueCheckTest {
  private final Catalog catalog = new Catalog(3);
  private final Side<ProductV2> neu = Side.neu();
  private final Side<ProductV1> old = Side.old();

  private long existing(int index, long from) {
    long v = from;
    while (catalog.deleted(index, v)) {
      v++;
    }
    return v;
  }

  private long deletedVersion(int index) {
    long v = 2;
    while (!catalog.deleted(index, v)) {
      v++;
    }
    return v;
  }

  @Test
  void theCurrentValueIsRight() {
    long v = existing(5, 10);
    assertThat(ValueCheck.check(neu, catalog, 5, v, v, catalog.v2(5, v))).isNull();
    assertThat(ValueCheck.check(old, catalog, 5, v, v, catalog.v1(5, v))).isNull();
  }

  @Test
  void aVersionWrittenDuringTheReadIsRight() {
    long v = existing(5, 10);
    long later = existing(5, v + 1);
    assertThat(ValueCheck.check(neu, catalog, 5, v, later, catalog.v2(5, v))).isNull();
    assertThat(ValueCheck.check(neu, catalog, 5, v, later, catalog.v2(5, later))).isNull();
  }

  @Test
  void anOlderVersionThanTheCompletedOneIsStale() {
    long v = existing(5, 10);
    long next = existing(5, v + 1);
    ValueCheck.Violation violation =
        ValueCheck.check(neu, catalog, 5, next, next, catalog.v2(5, v));
    assertThat(violation).isNotNull();
    assertThat(violation.stale()).isTrue();
    assertThat(violation.message()).contains("version " + v, "sku-5", "after version " + next);
  }

  @Test
  void changedContentIsWrong() {
    long v = existing(5, 10);
    ProductV2 value = catalog.v2(5, v);
    value.priceCents += 1;
    ValueCheck.Violation violation = ValueCheck.check(neu, catalog, 5, v, v, value);
    assertThat(violation).isNotNull();
    assertThat(violation.stale()).isFalse();
  }

  @Test
  void anotherKeysValueIsWrong() {
    long v = existing(6, 10);
    ValueCheck.Violation violation = ValueCheck.check(neu, catalog, 5, 1, v, catalog.v2(6, v));
    assertThat(violation).isNotNull();
    assertThat(violation.stale()).isFalse();
    assertThat(violation.message()).contains("sku-6", "for sku-5");
  }

  @Test
  void aVersionFromTheFutureIsWrong() {
    long v = existing(5, 10);
    long future = existing(5, v + 1);
    ValueCheck.Violation violation = ValueCheck.check(neu, catalog, 5, v, v, catalog.v2(5, future));
    assertThat(violation).isNotNull();
    assertThat(violation.stale()).isFalse();
  }

  @Test
  void theUpcastOldValueIsRightForTheNewRuntime() {
    long v = existing(5, 10);
    assertThat(ValueCheck.check(neu, catalog, 5, v, v, ProductV2.up(catalog.v1(5, v)))).isNull();
  }

  @Test
  void nothingIsRightOnlyIfAVersionSinceTheReadBeganWasADeletion() {
    long deleted = deletedVersion(5);
    assertThat(ValueCheck.check(neu, catalog, 5, deleted, deleted, null)).isNull();
    assertThat(ValueCheck.check(neu, catalog, 5, deleted - 1, deleted + 1, null)).isNull();
    long alive = existing(5, deleted + 1);
    ValueCheck.Violation violation = ValueCheck.check(neu, catalog, 5, alive, alive, null);
    assertThat(violation).isNotNull();
    assertThat(violation.message()).contains("served nothing for sku-5");
  }

  @Test
  void aboutOneVersionIn32IsADeletionAndVersionOneNeverIs() {
    int deleted = 0;
    for (int index = 0; index < 1000; index++) {
      assertThat(catalog.deleted(index, 1)).isFalse();
      for (long v = 2; v < 34; v++) {
        if (catalog.deleted(index, v)) {
          deleted++;
        }
      }
    }
    assertThat(deleted).isBetween(800, 1200);
  }
}
