package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadObserver;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product pairs of {@code rehearse --scenario}: the lossy ones price products in currencies
 * schema v1 cannot carry, drop the currency on the way down, and either refuse to derive it on the
 * way up or guess EUR; the value check counts a guess as a wrong value.
 */
class ProductPairTest {
  private final Catalog lossyCatalog = new Catalog(5, ProductPair.LOSSY);
  private final CodecRegistry<ProductV1> old =
      Side.old(ProductPair.LOSSY).registry(PayloadObserver.NONE);

  /** The first product of the lossy catalog, at version 1, that is not priced in EUR. */
  private int notInEuro() {
    for (int index = 0; ; index++) {
      if (!lossyCatalog.v2(index, 1).currency.equals("EUR")) {
        return index;
      }
    }
  }

  @Test
  void theLossyCatalogPricesInThreeCurrenciesAndTheDefaultOneInEuroOnly() {
    Catalog lossless = new Catalog(5);
    Set<String> lossy = new HashSet<>();
    Set<String> plain = new HashSet<>();
    for (int index = 0; index < 200; index++) {
      lossy.add(lossyCatalog.v2(index, 1).currency);
      plain.add(lossless.v2(index, 1).currency);
      // The old runtime's view is the same product without the currency, in both.
      assertThat(lossyCatalog.v1(index, 1).name).isEqualTo(lossyCatalog.v2(index, 1).title);
    }
    assertThat(lossy).containsExactlyInAnyOrder("EUR", "USD", "GBP");
    assertThat(plain).containsExactly("EUR");
  }

  @Test
  void theLossyDowncasterDropsTheCurrencyWhereTheDefaultOneRefusesIt() {
    int index = notInEuro();
    ProductV2 value = lossyCatalog.v2(index, 1);
    for (ProductPair pair : new ProductPair[] {ProductPair.LOSSY, ProductPair.LOSSY_GUESSING}) {
      byte[] down = Side.neu(pair).compatibleRegistry(PayloadObserver.NONE).encode(value);
      assertThat(old.decode(down)).as("%s", pair).isEqualTo(lossyCatalog.v1(index, 1));
    }
    assertThatThrownBy(
            () ->
                Side.neu(ProductPair.DEFAULT)
                    .compatibleRegistry(PayloadObserver.NONE)
                    .encode(value))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("currency " + value.currency);
  }

  @Test
  void theHonestUpcasterMakesAMissThatNamesTheCurrency() {
    byte[] written = old.encode(lossyCatalog.v1(notInEuro(), 1));
    DecodeOutcome<ProductV2> read =
        Side.neu(ProductPair.LOSSY).registry(PayloadObserver.NONE).tryDecode(written);
    assertThat(read).isInstanceOf(DecodeOutcome.Miss.class);
    PayloadException reason = ((DecodeOutcome.Miss<ProductV2>) read).reason();
    assertThat(reason.kind()).isEqualTo(PayloadException.Kind.UNDERIVABLE_VALUE);
    assertThat(reason.getMessage()).contains("currency");
  }

  @Test
  void theGuessingUpcasterReadsEuroAndTheValueCheckCallsItWrong() {
    int index = notInEuro();
    Side<ProductV2> guessing = Side.neu(ProductPair.LOSSY_GUESSING);
    ProductV2 guess =
        guessing.registry(PayloadObserver.NONE).decode(old.encode(lossyCatalog.v1(index, 1)));
    assertThat(guess.currency).isEqualTo("EUR");
    ValueCheck.Violation violation = ValueCheck.check(guessing, lossyCatalog, index, 1, 1, guess);
    assertThat(violation).isNotNull();
    assertThat(violation.stale()).isFalse();
    assertThat(violation.message())
        .contains(" EUR}", " " + lossyCatalog.v2(index, 1).currency + "}");
  }

  @Test
  void scenarioNamesAreTheCommandLinesAndAnUnknownOneIsRefused() {
    assertThat(ProductPair.of("lossy-guessing")).isEqualTo(ProductPair.LOSSY_GUESSING);
    assertThat(ProductPair.of("default")).isEqualTo(ProductPair.DEFAULT);
    assertThat(ProductPair.LOSSY.label()).isEqualTo("lossy");
    assertThatThrownBy(() -> ProductPair.of("guessing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenario 'guessing' is not one of default, lossy, lossy-guessing");
  }
}
