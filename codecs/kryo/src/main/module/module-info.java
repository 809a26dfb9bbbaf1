/** Kryo 4 and Kryo 5 codecs, side by side. */
module dev.crossgrade.codec.kryo {
  requires transitive dev.crossgrade.codec;
  requires transitive com.esotericsoftware.kryo.kryo5;
  requires transitive kryo;
  requires static org.jspecify;

  exports dev.crossgrade.codec.kryo;

  provides dev.crossgrade.codec.CodecProvider with
      dev.crossgrade.codec.kryo.KryoCodecProvider;
}
