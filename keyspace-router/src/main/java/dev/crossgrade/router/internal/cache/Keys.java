package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.KeyRouter;

/** The physical keys of one keyspace: {@code prefix:keyspace:g<generation>:key}. */
public record Keys(KeyRouter router, String keyspace) {
  String key(int generation, String logical) {
    return router.physicalKey(keyspace, generation, logical);
  }

  String capability(String runtime) {
    return router.capabilityKey(keyspace, runtime);
  }
}
