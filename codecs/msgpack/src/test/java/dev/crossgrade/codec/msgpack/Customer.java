package dev.crossgrade.codec.msgpack;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A user type with every kind of component {@link MessagePackCodec} maps. */
record Customer(
    long id,
    String name,
    int age,
    short floor,
    byte flags,
    double score,
    float ratio,
    boolean active,
    Optional<String> email,
    List<String> tags,
    Map<String, Long> counters,
    Address address,
    List<Address> previousAddresses,
    Instant created,
    Tier tier,
    BigInteger balance,
    byte[] avatar,
    @Nullable String nickname,
    Map<Integer, Tier> tierByYear,
    @Nullable Object extra) {

  /** A nested record. */
  record Address(String street, String city, int zip) {}

  /** An enum, written by name. */
  enum Tier {
    FREE,
    PRO,
    ENTERPRISE
  }
}
