package dev.crossgrade.compat;

import org.jspecify.annotations.Nullable;

/**
 * What one side did with one value: the bytes it wrote or the value it read, or why it could not.
 *
 * @param ok whether it succeeded
 * @param value the bytes written, or the value read (null is a value)
 * @param error the exception's class and message when it failed
 */
record Outcome(boolean ok, @Nullable Object value, @Nullable String error) {
  static Outcome success(@Nullable Object value) {
    return new Outcome(true, value, null);
  }

  static Outcome failure(String error) {
    return new Outcome(false, null, error);
  }

  static Outcome failure(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline);
    }
    return failure(text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }

  byte[] bytes() {
    return (byte[]) value;
  }
}
