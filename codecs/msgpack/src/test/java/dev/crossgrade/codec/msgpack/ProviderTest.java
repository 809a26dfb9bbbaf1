package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import net.jqwik.api.Example;

/** The generic codecs are found through {@link java.util.ServiceLoader} by name. */
class ProviderTest {

  @Example
  void bothGenericCodecsAreRegisteredByName() {
    assertThat(CodecProvider.find("msgpack")).containsSame(MessagePackCodec.generic());
    assertThat(CodecProvider.find("msgpack-oldspec"))
        .containsSame(MessagePackCodec.genericOldSpec());
    assertThat(CodecProvider.all())
        .filteredOn(codec -> codec.descriptor().family().equals("msgpack"))
        .extracting(Codec::descriptor)
        .extracting(d -> d.name())
        .containsExactlyInAnyOrder("msgpack", "msgpack-oldspec");
  }
}
