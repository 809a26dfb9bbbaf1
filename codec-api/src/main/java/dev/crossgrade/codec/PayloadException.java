package dev.crossgrade.codec;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A payload that cannot be encoded or decoded. The subtypes are a closed set; {@link #kind()} names
 * the case for callers that switch on it.
 */
public abstract sealed class PayloadException extends CrossgradeException
    permits UnknownCodecException,
        UnsupportedSchemaVersionException,
        CorruptPayloadException,
        LimitExceededException,
        LegacyPayloadException,
        UnsupportedEnvelopeException,
        UnencodableValueException,
        UnderivableValueException {
  private static final long serialVersionUID = 1L;

  /** The case of a {@link PayloadException}, one per subtype. */
  public enum Kind {
    /** {@link UnknownCodecException}. */
    UNKNOWN_CODEC,
    /** {@link UnsupportedSchemaVersionException}. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** {@link CorruptPayloadException}. */
    CORRUPT,
    /** {@link LimitExceededException}. */
    LIMIT_EXCEEDED,
    /** {@link LegacyPayloadException}. */
    LEGACY_PAYLOAD,
    /** {@link UnsupportedEnvelopeException}. */
    UNSUPPORTED_ENVELOPE,
    /** {@link UnencodableValueException}. */
    UNENCODABLE_VALUE,
    /**
     * {@link UnderivableValueException}: an upcaster cannot derive a field (a miss, not damage).
     */
    UNDERIVABLE_VALUE;

    /** The lower-case, hyphenated name used in command output and metric tags. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final String reason;
  private final int codecId;
  private final int schemaVersion;

  PayloadException(
      String reason,
      int codecId,
      @Nullable String codecName,
      int schemaVersion,
      @Nullable Throwable cause) {
    super(describe(reason, codecId, codecName, schemaVersion), cause);
    this.reason = reason;
    this.codecId = codecId;
    this.schemaVersion = schemaVersion;
  }

  private static String describe(
      String reason, int codecId, @Nullable String codecName, int schemaVersion) {
    StringBuilder message = new StringBuilder(reason);
    if (codecId > 0 || schemaVersion >= 0) {
      message.append(" [");
      if (codecId > 0) {
        message
            .append("codec ")
            .append(
                codecName == null
                    ? WellKnownCodecs.describe(codecId)
                    : WellKnownCodecs.describe(codecId, codecName));
      }
      if (schemaVersion >= 0) {
        message.append(codecId > 0 ? ", " : "").append("schema version ").append(schemaVersion);
      }
      message.append(']');
    }
    return message.toString();
  }

  /**
   * The same failure with the codec id and schema version filled in from the envelope, when the
   * codec that threw it did not know them.
   */
  static PayloadException withContext(
      PayloadException e, CodecDescriptor codec, int schemaVersion) {
    int codecId = codec.id();
    if (e.codecId == codecId && e.schemaVersion == schemaVersion) {
      return e;
    }
    String name = codec.name();
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String reason = e.reason;
    return switch (e.kind()) {
      case UNKNOWN_CODEC -> new UnknownCodecException(reason, codecId, name, schemaVersion, cause);
      case UNSUPPORTED_SCHEMA_VERSION ->
          new UnsupportedSchemaVersionException(reason, codecId, name, schemaVersion, cause);
      case CORRUPT -> new CorruptPayloadException(reason, codecId, name, schemaVersion, cause);
      case LIMIT_EXCEEDED ->
          new LimitExceededException(reason, codecId, name, schemaVersion, cause);
      case LEGACY_PAYLOAD ->
          new LegacyPayloadException(reason, codecId, name, schemaVersion, cause);
      case UNSUPPORTED_ENVELOPE ->
          new UnsupportedEnvelopeException(reason, codecId, name, schemaVersion, cause);
      case UNENCODABLE_VALUE ->
          new UnencodableValueException(reason, codecId, name, schemaVersion, cause);
      case UNDERIVABLE_VALUE ->
          new UnderivableValueException(
              ((UnderivableValueException) e).field(), reason, codecId, name, schemaVersion, cause);
    };
  }

  /** Which case this is. */
  public abstract Kind kind();

  /** What was wrong, for a human, without the codec and version context. */
  public String reason() {
    return reason;
  }

  /** The envelope's codec id, or 0 when it is not known (legacy or unreadable header). */
  public int codecId() {
    return codecId;
  }

  /** The payload's schema version, or -1 when it is not known. */
  public int schemaVersion() {
    return schemaVersion;
  }
}
