/** A read-only, allow-listed Java-serialization reader, to migrate off Java serialization. */
module dev.crossgrade.codec.javalegacy {
  requires transitive dev.crossgrade.codec;
  requires static org.jspecify;

  exports dev.crossgrade.codec.javalegacy;
}
