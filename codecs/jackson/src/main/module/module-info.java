/** Jackson JSON and RFC 8785 canonical JSON codecs. */
module dev.crossgrade.codec.jackson {
  requires transitive dev.crossgrade.codec;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires static org.jspecify;

  exports dev.crossgrade.codec.jackson;

  provides dev.crossgrade.codec.CodecProvider with
      dev.crossgrade.codec.jackson.JacksonCodecProvider;
}
