package dev.crossgrade.codec;

import org.jspecify.annotations.Nullable;

/**
 * An upcaster cannot derive the current schema's value from an older one: a field the old schema
 * does not carry and no other field determines (a currency added in v2, say). Throw it from an
 * upcaster instead of guessing a default: the read is then a miss and the caller loads the value
 * from its source of truth, where a guess would be served as if it were cached data.
 *
 * <pre>{@code
 * .upcaster(1, ProductV1.class, Product.class, old -> {
 *   throw new UnderivableValueException("currency", "schema v1 has no currency");
 * })
 * }</pre>
 */
public final class UnderivableValueException extends PayloadException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the field of the current schema that cannot be derived
   * @param reason why, for logs
   */
  public UnderivableValueException(String field, String reason) {
    this(field, field + " cannot be derived: " + reason, 0, null, -1, null);
  }

  /** With the whole reason given (a rethrow with context keeps the first one's text). */
  UnderivableValueException(
      String field,
      String fullReason,
      int codecId,
      @Nullable String codecName,
      int schemaVersion,
      @Nullable Throwable cause) {
    super(fullReason, codecId, codecName, schemaVersion, cause);
    this.field = field;
  }

  /** The field that cannot be derived. */
  public String field() {
    return field;
  }

  @Override
  public Kind kind() {
    return Kind.UNDERIVABLE_VALUE;
  }
}
