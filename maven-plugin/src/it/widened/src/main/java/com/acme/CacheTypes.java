package com.acme;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.compat.CachedType;
import dev.crossgrade.compat.CachedTypesProvider;
import java.util.List;

/** The shop's cached types, with the registries production builds for them. */
public final class CacheTypes implements CachedTypesProvider {
  public static CodecRegistry<Cart> carts() {
    return CodecRegistry.newBuilder(Cart.class)
        .writer(JsonCodec.newBuilder(Cart.class).build())
        .build();
  }

  @Override
  public List<CachedType<?>> cachedTypes() {
    return List.of(CachedType.of(carts()));
  }
}
