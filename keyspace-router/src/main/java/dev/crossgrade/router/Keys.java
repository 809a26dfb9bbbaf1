package dev.crossgrade.router;

/** The physical keys of one keyspace: {@code prefix:keyspace:g<generation>:key}. */
record Keys(KeyRouter router, String keyspace) {
  String key(int generation, String logical) {
    return router.physicalKey(keyspace, generation, logical);
  }

  String capability(String runtime) {
    return router.capabilityKey(keyspace, runtime);
  }
}
