package dev.crossgrade.transport.spymemcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.CacheTransportProvider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTranscoderTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void spymemcachedNeverSerializesObjects() {
    RealSpymemcachedTransport.RawObjects defaults =
        new RealSpymemcachedTransport.RawObjects(new RealSpymemcachedTransport.RawBytes(1 << 20));
    assertThat(defaults.encode(bytes("ok")).getData()).isEqualTo(bytes("ok"));
    assertThatThrownBy(() -> defaults.encode("a string"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClientIsFoundByItsConfigName() {
    assertThat(CacheTransportProvider.find("spymemcached"))
        .get()
        .isInstanceOf(SpymemcachedTransportProvider.class);
  }
}
