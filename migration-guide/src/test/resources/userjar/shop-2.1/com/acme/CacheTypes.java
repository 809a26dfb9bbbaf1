package com.acme;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import dev.crossgrade.compat.CachedType;
import dev.crossgrade.compat.CachedTypesProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached types of this build: the cart moves to version 2 in Kryo; during the rollout it
 * still writes version 1 JSON through a downcaster, so the build in production reads it.
 */
public final class CacheTypes implements CachedTypesProvider {
  public static CodecRegistry<Cart> carts() {
    return CodecRegistry.newBuilder(Cart.class)
        .currentSchemaVersion(2)
        .reader(1, JsonCodec.newBuilder(CartV1.class).build())
        .upcaster(1, CartV1.class, Cart.class, Cart::from)
        .reader(
            2,
            Kryo5Codec.newBuilder(Cart.class)
                .register(Cart.class, 100)
                .register(ArrayList.class, 101)
                .build())
        .writer(1, JsonCodec.newBuilder(CartV1.class).build(), Cart::toV1)
        .build();
  }

  @Override
  public List<CachedType<?>> cachedTypes() {
    return List.of(CachedType.newBuilder(carts()).name("cart").build());
  }
}
