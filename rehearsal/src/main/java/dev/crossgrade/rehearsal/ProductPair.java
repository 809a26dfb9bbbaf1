package dev.crossgrade.rehearsal;

import java.util.Locale;

/**
 * The new runtime's upcaster and downcaster between {@code Product} schema v1 and v2, and the
 * currencies the source of truth holds: what a rehearsal's {@code --scenario} chooses.
 */
public enum ProductPair {
  /**
   * Every product is priced in EUR, which schema v1 implies: the upcaster gives v1 values EUR, and
   * the downcaster refuses any other currency. A lossless pair.
   */
  DEFAULT,
  /**
   * Products are priced in EUR, USD or GBP. The downcaster drops the currency, which schema v1 has
   * no place for; the upcaster throws {@link dev.crossgrade.codec.UnderivableValueException} for
   * it, so a v1 value read by the new runtime is a miss and a load.
   */
  LOSSY,
  /**
   * As {@link #LOSSY}, but the upcaster guesses EUR, as a new user's did: the downcaster silently
   * drops the currency and the upcaster silently invents one.
   */
  LOSSY_GUESSING;

  /** The name on the command line: {@code default}, {@code lossy} or {@code lossy-guessing}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The pair named {@code label}.
   *
   * @throws IllegalArgumentException if it is not {@code default}, {@code lossy} or {@code
   *     lossy-guessing}
   */
  public static ProductPair of(String label) {
    for (ProductPair pair : values()) {
      if (pair.label().equals(label)) {
        return pair;
      }
    }
    throw new IllegalArgumentException(
        "scenario '" + label + "' is not one of default, lossy, lossy-guessing");
  }

  /** Whether the source of truth prices products in currencies schema v1 cannot carry. */
  boolean lossy() {
    return this != DEFAULT;
  }

  /** What the new runtime's pair does, for the report. */
  String describe() {
    return switch (this) {
      case DEFAULT ->
          "lossless: every product in EUR, which v1 implies; the upcaster gives EUR, the"
              + " downcaster refuses other currencies";
      case LOSSY ->
          "lossy: products in EUR, USD or GBP; the downcaster drops the currency, the upcaster"
              + " throws UnderivableValueException for it";
      case LOSSY_GUESSING ->
          "lossy, guessing: products in EUR, USD or GBP; the downcaster drops the currency, the"
              + " upcaster guesses EUR";
    };
  }
}
