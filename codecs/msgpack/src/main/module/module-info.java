/** MessagePack codecs on msgpack-core. */
module dev.crossgrade.codec.msgpack {
  requires transitive dev.crossgrade.codec;
  requires msgpack.core;
  requires static org.jspecify;

  exports dev.crossgrade.codec.msgpack;

  provides dev.crossgrade.codec.CodecProvider with
      dev.crossgrade.codec.msgpack.MessagePackCodecProvider;
}
