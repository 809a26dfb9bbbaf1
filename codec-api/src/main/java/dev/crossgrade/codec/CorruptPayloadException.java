package dev.crossgrade.codec;

import org.jspecify.annotations.Nullable;

/** The payload is damaged: checksum mismatch, truncation or a malformed header or body. */
public final class CorruptPayloadException extends PayloadException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what was wrong, with the offending value and the setting to change, if any
   * @param codecId the envelope's codec id, or 0 if not known
   * @param schemaVersion the payload's schema version, or -1 if not known
   * @param cause the underlying failure, if any
   */
  public CorruptPayloadException(
      String reason, int codecId, int schemaVersion, @Nullable Throwable cause) {
    super(reason, codecId, null, schemaVersion, cause);
  }

  CorruptPayloadException(
      String reason,
      int codecId,
      @Nullable String codecName,
      int schemaVersion,
      @Nullable Throwable cause) {
    super(reason, codecId, codecName, schemaVersion, cause);
  }

  /** Creates the exception when no codec or schema version is known. */
  public CorruptPayloadException(String reason) {
    this(reason, 0, -1, null);
  }

  @Override
  public Kind kind() {
    return Kind.CORRUPT;
  }
}
