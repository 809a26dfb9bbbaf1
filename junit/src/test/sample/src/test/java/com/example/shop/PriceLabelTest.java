package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected strings recorded on JDK 17. */
class PriceLabelTest {
  @Test
  void formatsASmallAmount() {
    assertEquals("19.99", PriceLabel.amount(19.99));
  }

  @Test
  void formatsZero() {
    assertEquals("0.0", PriceLabel.amount(0));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 100, 1e6})
  void formatsRoundAmounts(double amount) {
    assertEquals(amount, Double.parseDouble(PriceLabel.amount(amount)));
  }

  /** JDK 19 and later print the shortest decimal that reads back: 2.0E23. */
  @Test
  void formatsAHugeAmount() {
    assertEquals("1.9999999999999998E23", PriceLabel.amount(2e23));
  }
}
