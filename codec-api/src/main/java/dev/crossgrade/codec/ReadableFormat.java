package dev.crossgrade.codec;

/**
 * A codec and schema version that a registry can read.
 *
 * @param codec the codec
 * @param schemaVersion the schema version it reads with that codec
 */
public record ReadableFormat(CodecDescriptor codec, int schemaVersion) {
  @Override
  public String toString() {
    return codec.name() + "@v" + schemaVersion;
  }
}
