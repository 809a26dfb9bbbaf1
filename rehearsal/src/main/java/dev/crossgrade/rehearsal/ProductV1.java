package dev.crossgrade.rehearsal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sample cached type as the old runtime knows it (schema v1): a product with a {@code name} and
 * an {@code int} price. A mutable class with a no-arg constructor, as Kryo needs.
 */
final class ProductV1 {
  String sku = "";
  String name = "";
  int priceCents;
  int stock;
  String description = "";
  long version;

  ProductV1() {}

  ProductV1(String sku, String name, int priceCents, int stock, String description, long version) {
    this.sku = sku;
    this.name = name;
    this.priceCents = priceCents;
    this.stock = stock;
    this.description = description;
    this.version = version;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProductV1 p
        && sku.equals(p.sku)
        && name.equals(p.name)
        && priceCents == p.priceCents
        && stock == p.stock
        && description.equals(p.description)
        && version == p.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sku, name, priceCents, stock, description, version);
  }

  @Override
  public String toString() {
    return "ProductV1{" + sku + " v" + version + ", " + name + ", " + priceCents + "}";
  }
}
