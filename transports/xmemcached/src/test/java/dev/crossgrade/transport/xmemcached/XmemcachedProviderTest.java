package dev.crossgrade.transport.xmemcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.CacheTransportProvider;
import org.junit.jupiter.api.Test;

class XmemcachedProviderTest {
  @Test
  void theClientIsFoundByItsConfigName() {
    assertThat(CacheTransportProvider.find("xmemcached"))
        .get()
        .isInstanceOf(XmemcachedTransportProvider.class);
  }
}
