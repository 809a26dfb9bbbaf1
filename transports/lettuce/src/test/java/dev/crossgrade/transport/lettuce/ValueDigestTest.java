package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.CacheTransport;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The cas token that Java computes is the one the Lua script computes on the server: for any value,
 * a cas with the token read replaces it, and a cas with the token of any other value does not.
 */
class ValueDigestTest {
  private static CacheTransport transport;

  @BeforeContainer
  static void connect() {
    transport = RedisStore.STANDALONE.connect(Duration.ofSeconds(2));
  }

  @AfterContainer
  static void close() {
    if (transport != null) {
      transport.close();
    }
  }

  @Property(tries = 80)
  void aCasWithTheTokenReadReplaces_withAnotherValuesTokenDoesNot(
      @ForAll @Size(max = 3000) byte[] value, @ForAll @Size(max = 64) byte[] other) {
    String key = "digest:" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    Duration ttl = Duration.ofMinutes(1);
    assertThat(transport.set(key, value, ttl).join()).isTrue();
    CacheTransport.CasValue read = transport.gets(key).join().orElseThrow();
    assertThat(read.token()).isEqualTo(ValueDigest.token(value));
    if (!Arrays.equals(other, value)) {
      assertThat(transport.cas(key, ValueDigest.token(other), other, ttl).join()).isFalse();
    }
    assertThat(transport.cas(key, read.token(), other, ttl).join()).isTrue();
    assertThat(transport.get(key).join()).hasValueSatisfying(v -> assertThat(v).isEqualTo(other));
    transport.delete(key).join();
  }
}
