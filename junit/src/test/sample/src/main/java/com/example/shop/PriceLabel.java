package com.example.shop;

/** Prices as the receipt printer gets them. */
public final class PriceLabel {
  private PriceLabel() {}

  /** The amount as {@link Double#toString(double)} writes it. */
  public static String amount(double value) {
    return Double.toString(value);
  }
}
