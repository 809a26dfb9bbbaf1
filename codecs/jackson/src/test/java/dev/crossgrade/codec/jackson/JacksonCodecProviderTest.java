package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.WellKnownCodecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import net.jqwik.api.Example;

/** The module's codecs are found through {@link java.util.ServiceLoader} by their names. */
class JacksonCodecProviderTest {

  @Example
  void theGenericCodecsAreFoundByName() {
    assertThat(CodecProvider.find("json")).containsSame(JsonCodec.generic());
    assertThat(CodecProvider.find("canonical-json")).containsSame(CanonicalJson.codec());
    assertThat(CodecProvider.all())
        .extracting(Codec::descriptor)
        .contains(WellKnownCodecs.JSON, WellKnownCodecs.CANONICAL_JSON);
  }

  @Example
  void theGenericJsonCodecReadsWhatARecordCodecWrites() {
    byte[] payload =
        CodecRegistry.newBuilder(Order.class)
            .writer(JsonCodec.newBuilder(Order.class).build())
            .build()
            .encode(Orders.sample());
    Object generic =
        CodecRegistry.newBuilder(Object.class).writer(JsonCodec.generic()).build().decode(payload);
    assertThat(generic).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) generic).get("id")).isEqualTo(Orders.sample().id());
    assertThat(((Map<?, ?>) generic).get("quantity")).isEqualTo(9_007_199_254_740_992L);
  }

  @Example
  void theCanonicalCodecReadsWhatACanonicalRecordCodecWrites() {
    byte[] payload =
        CodecRegistry.newBuilder(Order.class)
            .writer(JsonCodec.newBuilder(Order.class).canonical().build())
            .build()
            .encode(Orders.sample());
    Object generic =
        CodecRegistry.newBuilder(Object.class)
            .writer(CanonicalJson.codec())
            .build()
            .decode(payload);
    assertThat(((Map<?, ?>) generic).get("price")).isEqualTo(2e23);
    assertThat(new ArrayList<>(((Map<?, ?>) generic).keySet()))
        .extracting(key -> (String) key)
        .isSortedAccordingTo(Comparator.naturalOrder());
  }
}
