package dev.crossgrade.codec;

import java.util.Optional;

/**
 * The result of {@link CodecRegistry#tryDecode(byte[])}: a value, or a miss with the reason, for
 * cache callers that treat an unreadable entry as a miss.
 *
 * @param <T> the value type
 */
public sealed interface DecodeOutcome<T> permits DecodeOutcome.Hit, DecodeOutcome.Miss {

  /** The value, if this is a {@link Hit}. */
  Optional<T> toOptional();

  /**
   * A decoded value.
   *
   * @param value the value, upcast to the registry's current schema version
   * @param codec the codec that read it
   * @param schemaVersion the schema version the payload was written with
   * @param upcast whether upcasters were applied
   */
  record Hit<T>(T value, CodecDescriptor codec, int schemaVersion, boolean upcast)
      implements DecodeOutcome<T> {
    @Override
    public Optional<T> toOptional() {
      return Optional.of(value);
    }
  }

  /**
   * A payload that could not be read.
   *
   * @param reason why, as the exception {@link CodecRegistry#decode(byte[])} would have thrown
   */
  record Miss<T>(PayloadException reason) implements DecodeOutcome<T> {
    @Override
    public Optional<T> toOptional() {
      return Optional.empty();
    }
  }
}
