package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadObserver;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.UnknownCodecException;
import dev.crossgrade.router.CacheTransport;
import org.junit.jupiter.api.Test;

/**
 * The two runtimes of the rehearsal cannot read each other's payloads as they are; the new
 * runtime's registries read the old format (upcast) and write it (downcast); without the framework,
 * a shared key fails in both directions.
 */
class SideTest {
  private final Catalog catalog = new Catalog(11);
  private final CodecRegistry<ProductV1> old = Side.old().registry(PayloadObserver.NONE);
  private final CodecRegistry<ProductV2> neu = Side.neu().registry(PayloadObserver.NONE);
  private final CodecRegistry<ProductV2> compatible =
      Side.neu().compatibleRegistry(PayloadObserver.NONE);

  @Test
  void theNewRuntimeReadsAndUpcastsWhatTheOldOneWrote() {
    for (int index = 0; index < 50; index++) {
      ProductV1 value = catalog.v1(index, 1);
      assertThat(neu.decode(old.encode(value))).isEqualTo(catalog.v2(index, 1));
    }
  }

  @Test
  void theOldRuntimeCannotReadTheNewFormatButReadsTheDowncastOne() {
    ProductV2 value = catalog.v2(3, 1);
    assertThatThrownBy(() -> old.decode(neu.encode(value)))
        .isInstanceOf(UnknownCodecException.class);
    assertThat(compatible.writerCodec().name()).isEqualTo("kryo4");
    assertThat(compatible.writerSchemaVersion()).isEqualTo(1);
    assertThat(old.decode(compatible.encode(value))).isEqualTo(catalog.v1(3, 1));
    assertThat(neu.decode(compatible.encode(value))).isEqualTo(value);
  }

  @Test
  void theDowncasterRefusesWhatSchemaV1CannotHold() {
    ProductV2 value = catalog.v2(3, 1);
    value.currency = "USD";
    assertThatThrownBy(() -> compatible.encode(value))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("currency USD");
    ProductV2 expensive = catalog.v2(4, 1);
    expensive.priceCents = 1L << 40;
    assertThatThrownBy(() -> compatible.encode(expensive))
        .isInstanceOf(UnencodableValueException.class);
  }

  @Test
  void withoutTheFrameworkASharedKeyFailsInBothDirections() {
    try (CacheTransport transport = CacheTransport.embedded()) {
      NaiveCache<ProductV1> oldCache =
          new NaiveCache<>(transport, "t", Side.old().codec(), b -> {});
      NaiveCache<ProductV2> newCache =
          new NaiveCache<>(transport, "t", Side.neu().codec(), b -> {});
      oldCache.set("p1", catalog.v1(1, 1));
      assertThat(oldCache.getOrLoad("p1", key -> null)).isEqualTo(catalog.v1(1, 1));
      assertThatThrownBy(() -> newCache.getOrLoad("p1", key -> catalog.v2(1, 1)))
          .isInstanceOf(PayloadException.class);
      newCache.set("p2", catalog.v2(2, 1));
      assertThat(newCache.getOrLoad("p2", key -> null)).isEqualTo(catalog.v2(2, 1));
      assertThatThrownBy(() -> oldCache.getOrLoad("p2", key -> catalog.v1(2, 1)))
          .isInstanceOf(PayloadException.class);
    }
  }
}
