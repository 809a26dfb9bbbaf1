package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.UnderivableValueException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sample cached type as the new runtime knows it (schema v2): {@code name} renamed to {@code
 * title}, the price widened to {@code long}, and a {@code currency} added (in the {@link
 * ProductPair#DEFAULT default} pair every value is in EUR, which v1 implies; in the lossy pairs v1
 * cannot say which currency a value is in).
 */
final class ProductV2 {
  /** The currency of every v1 value, which the upcaster gives them. */
  static final String V1_CURRENCY = "EUR";

  String sku = "";
  String title = "";
  long priceCents;
  int stock;
  String description = "";
  long version;
  String currency = V1_CURRENCY;

  ProductV2() {}

  ProductV2(
      String sku,
      String title,
      long priceCents,
      int stock,
      String description,
      long version,
      String currency) {
    this.sku = sku;
    this.title = title;
    this.priceCents = priceCents;
    this.stock = stock;
    this.description = description;
    this.version = version;
    this.currency = currency;
  }

  /** The v1 value read by a v2 runtime: the upcaster of schema v1 in the default pair. */
  static ProductV2 up(ProductV1 old) {
    return new ProductV2(
        old.sku, old.name, old.priceCents, old.stock, old.description, old.version, V1_CURRENCY);
  }

  /**
   * The lossy pairs' upcaster that does not guess: schema v1 does not say the currency.
   *
   * @throws UnderivableValueException always
   */
  static ProductV2 underivable(ProductV1 old) {
    throw new UnderivableValueException("currency", "schema v1 has no currency");
  }

  /** The lossy pairs' downcaster, and the old runtime's view of a product: no currency. */
  static ProductV1 dropCurrency(ProductV2 value) {
    return new ProductV1(
        value.sku,
        value.title,
        Math.toIntExact(value.priceCents),
        value.stock,
        value.description,
        value.version);
  }

  /**
   * The v1 value a v1 runtime reads: the downcaster to schema v1 in the default pair.
   *
   * @throws ArithmeticException if the price does not fit an {@code int}, or the currency is not
   *     the one v1 implies (the registry turns this into an unencodable value)
   */
  static ProductV1 down(ProductV2 value) {
    if (!V1_CURRENCY.equals(value.currency)) {
      throw new ArithmeticException(
          "currency " + value.currency + " cannot be written at schema v1 (EUR only)");
    }
    return dropCurrency(value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProductV2 p
        && sku.equals(p.sku)
        && title.equals(p.title)
        && priceCents == p.priceCents
        && stock == p.stock
        && description.equals(p.description)
        && version == p.version
        && currency.equals(p.currency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sku, title, priceCents, stock, description, version, currency);
  }

  @Override
  public String toString() {
    return "ProductV2{%s v%s, %s, %s %s}".formatted(sku, version, title, priceCents, currency);
  }
}
