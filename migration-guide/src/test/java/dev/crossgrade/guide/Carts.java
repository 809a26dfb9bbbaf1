package dev.crossgrade.guide;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.kryo.Kryo4Codec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The playbook's cached type in its two shapes. {@link CartV1} stands for the {@code Cart} class of
 * the old build (shop-v1, Kryo 4, schema version 1) and {@link CartV2} for the {@code Cart} class
 * of the new build (shop-v2, Kryo 5, schema version 2), in which the total in cents became a
 * decimal amount: a change that neither Kryo generation's field serializer can bridge by itself, so
 * an upcaster and a downcaster do.
 */
final class Carts {
  private Carts() {}

  /** The old build's cart: schema version 1. */
  static final class CartV1 {
    String id = "";
    ArrayList<String> items = new ArrayList<>();
    long totalCents;

    CartV1() {}

    CartV1(String id, List<String> items, long totalCents) {
      this.id = id;
      this.items = new ArrayList<>(items);
      this.totalCents = totalCents;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CartV1 c
          && id.equals(c.id)
          && items.equals(c.items)
          && totalCents == c.totalCents;
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, items, totalCents);
    }

    @Override
    public String toString() {
      return "CartV1{" + id + ", " + items + ", " + totalCents + " cents}";
    }
  }

  /** The new build's cart: schema version 2, the total as a decimal amount with two places. */
  static final class CartV2 {
    String id = "";
    ArrayList<String> items = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO.setScale(2);

    CartV2() {}

    CartV2(String id, List<String> items, BigDecimal total) {
      this.id = id;
      this.items = new ArrayList<>(items);
      this.total = total.setScale(2);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CartV2 c
          && id.equals(c.id)
          && items.equals(c.items)
          && total.equals(c.total);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, items, total);
    }

    @Override
    public String toString() {
      return "CartV2{" + id + ", " + items + ", " + total + "}";
    }
  }

  // tag::codecs[]
  // Every runtime of the fleet gives a class the same registration id.
  static Codec<CartV1> kryo4Carts() {
    return Kryo4Codec.newBuilder(CartV1.class)
        .register(CartV1.class, 20)
        .register(ArrayList.class, 21)
        .build();
  }

  static Codec<CartV2> kryo5Carts() {
    return Kryo5Codec.newBuilder(CartV2.class)
        .register(CartV2.class, 20)
        .register(ArrayList.class, 21)
        .register(BigDecimal.class, 22)
        .build();
  }

  static CartV2 upcast(CartV1 old) {
    return new CartV2(old.id, old.items, BigDecimal.valueOf(old.totalCents, 2));
  }

  static CartV1 downcast(CartV2 cart) {
    return new CartV1(cart.id, cart.items, cart.total.movePointRight(2).longValueExact());
  }

  // end::codecs[]

  // tag::registries[]
  // The old build (shop-v1): Kryo 4, schema v1. It reads only what it writes.
  static CodecRegistry<CartV1> oldRegistry() {
    return CodecRegistry.newBuilder(CartV1.class).writer(kryo4Carts()).build();
  }

  // The new build (shop-v2): writes Kryo 5 at schema v2, reads Kryo 4 v1 too and upcasts it.
  static CodecRegistry<CartV2> newRegistry() {
    return CodecRegistry.newBuilder(CartV2.class)
        .currentSchemaVersion(2)
        .reader(1, kryo4Carts())
        .upcaster(1, CartV1.class, CartV2.class, Carts::upcast)
        .writer(kryo5Carts())
        .build();
  }

  // What the new build writes wherever the old build reads: Kryo 4 at schema v1, downcast.
  static CodecRegistry<CartV2> compatibleRegistry() {
    return CodecRegistry.newBuilder(CartV2.class)
        .currentSchemaVersion(2)
        .reader(kryo5Carts())
        .reader(1, kryo4Carts())
        .upcaster(1, CartV1.class, CartV2.class, Carts::upcast)
        .writer(1, kryo4Carts(), Carts::downcast)
        .build();
  }

  // end::registries[]
}
