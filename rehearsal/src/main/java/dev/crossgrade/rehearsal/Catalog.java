package dev.crossgrade.rehearsal;

import org.jspecify.annotations.Nullable;

/**
 * The content of the source of truth: what product {@code index} holds at {@code version}, a pure
 * function of the seed, the key and the version, so that every process can check any value it is
 * served against it exactly. One version in 32 is a deletion. With a {@link ProductPair#lossy()
 * lossy} pair products are priced in EUR, USD or GBP, else all in EUR.
 */
final class Catalog {
  private static final String[] WORDS = {
    "alpine", "basalt", "cedar", "dune", "ember", "fjord", "glacier", "harbor", "indigo", "juniper",
    "kelp", "lagoon", "meadow", "nimbus", "orchid", "prairie", "quartz", "ridge", "sierra", "tundra"
  };

  private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};

  private final long seed;
  private final boolean currencies;

  /** The catalog of the {@link ProductPair#DEFAULT default} pair: every product in EUR. */
  Catalog(long seed) {
    this(seed, ProductPair.DEFAULT);
  }

  Catalog(long seed, ProductPair pair) {
    this.seed = seed;
    this.currencies = pair.lossy();
  }

  /** The logical cache key of product {@code index}. */
  static String key(int index) {
    return "p" + index;
  }

  /** The product's stock-keeping unit, which every value of it carries. */
  static String sku(int index) {
    return "sku-" + index;
  }

  /** Whether {@code version} of product {@code index} is a deletion (version 1 never is). */
  boolean deleted(int index, long version) {
    return version > 1 && (mix(index, version, 7) & 31) == 0;
  }

  /** Product {@code index} at {@code version} in schema v2; null when that version is deleted. */
  @Nullable ProductV2 v2(int index, long version) {
    if (deleted(index, version)) {
      return null;
    }
    long h = mix(index, version, 1);
    String title =
        WORDS[(int) Long.remainderUnsigned(h, WORDS.length)]
            + ' '
            + WORDS[(int) Long.remainderUnsigned(h >>> 20, WORDS.length)]
            + " no. "
            + index;
    long price = 99 + Long.remainderUnsigned(mix(index, version, 2), 2_000_000);
    int stock = (int) Long.remainderUnsigned(mix(index, version, 3), 1000);
    StringBuilder description = new StringBuilder();
    long d = mix(index, version, 4);
    int words = 4 + (int) Long.remainderUnsigned(d, 24);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        description.append(' ');
      }
      description.append(WORDS[(int) Long.remainderUnsigned(mix(index, version, 10 + i), 20)]);
    }
    String currency =
        currencies
            ? CURRENCIES[(int) Long.remainderUnsigned(mix(index, version, 5), CURRENCIES.length)]
            : ProductV2.V1_CURRENCY;
    return new ProductV2(
        sku(index), title, price, stock, description.toString(), version, currency);
  }

  /**
   * Product {@code index} at {@code version} as the old runtime loads it (schema v1, which has no
   * currency); null when that version is deleted.
   */
  @Nullable ProductV1 v1(int index, long version) {
    ProductV2 value = v2(index, version);
    return value == null ? null : ProductV2.dropCurrency(value);
  }

  private long mix(int index, long version, int salt) {
    long z =
        seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + version * 0x94D049BB133111EBL;
    z += salt * 0x2545F4914F6CDD1DL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
