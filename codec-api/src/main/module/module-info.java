/**
 * The envelope every cached value carries, the codec registry that writes and reads it, and the
 * codec SPI ({@link dev.crossgrade.codec.CodecProvider}, found by {@link java.util.ServiceLoader}).
 */
module dev.crossgrade.codec {
  requires static org.jspecify;

  exports dev.crossgrade.codec;

  uses dev.crossgrade.codec.CodecProvider;
}
