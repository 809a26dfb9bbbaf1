package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Kryo (either generation) throws into codec-api's typed exceptions, with the path of
 * the failing value taken from Kryo's serialization trace.
 */
final class KryoFailures {
  private static final String TRACE = "Serialization trace:";
  private static final Pattern UNREGISTERED_ID =
      Pattern.compile("Encountered unregistered class ID: (-?\\d+)");
  private static final Pattern MAX_DEPTH = Pattern.compile("Max depth exceeded: (\\d+)");
  private static final Pattern NOT_REGISTERED = Pattern.compile("Class is not registered: (\\S+)");

  private KryoFailures() {}

  /** The failure of a body that names a class by name, which no codec accepts. */
  static CorruptPayloadException classNamed(CodecDescriptor codec) {
    return new CorruptPayloadException(
        """
        body names a class by name at %s; codec %s accepts only registered class ids: the bytes \
        may have been written by another Kryo generation or without registration"""
            .formatted(Bounds.PATH, codec.name()));
  }

  /** The typed exception for a failure while reading a body. */
  static PayloadException onDecode(Throwable failure, CodecDescriptor codec, Limits limits) {
    String path = path(failure);
    int id = codec.id();
    PayloadException typed = find(failure, PayloadException.class);
    if (typed != null) {
      return withPath(typed, path, id);
    }
    if (find(failure, StackOverflowError.class) != null) {
      return new LimitExceededException(
          "value at %s nests too deep for the thread's stack; lower Limits.maxDepth (now %s)"
              .formatted(path, limits.maxDepth()),
          id,
          -1,
          failure);
    }
    if (find(failure, OutOfMemoryError.class) != null) {
      return new LimitExceededException(
          "reading the value at " + path + " ran out of memory; lower the Limits", id, -1, failure);
    }
    String message = kryoMessages(failure);
    Matcher unregistered = UNREGISTERED_ID.matcher(message);
    if (unregistered.find()) {
      return new CorruptPayloadException(
          """
          body names class id %s at %s, which is not registered with codec %s: the bytes may have \
          been written by another Kryo generation (Kryo 4 and Kryo 5 bodies are not \
          interchangeable) or with a different registration"""
              .formatted(unregistered.group(1), path, codec.name()),
          id,
          -1,
          failure);
    }
    Matcher depth = MAX_DEPTH.matcher(message);
    if (depth.find()) {
      return new LimitExceededException(
          "value at %s is nested more than %s deep, over the limit (Limits.maxDepth)"
              .formatted(path, limits.maxDepth()),
          id,
          -1,
          failure);
    }
    if (message.contains("Buffer underflow")) {
      return new CorruptPayloadException(
          "body ends in the middle of the value at " + path + " (truncated or malformed)",
          id,
          -1,
          failure);
    }
    return new CorruptPayloadException(
        "codec %s could not read the value at %s: %s"
            .formatted(codec.name(), path, firstLine(failure, message)),
        id,
        -1,
        failure);
  }

  /** The typed exception for a failure while writing a value. */
  static PayloadException onEncode(
      Throwable failure, CodecDescriptor codec, Limits limits, String builder) {
    String path = path(failure);
    int id = codec.id();
    PayloadException typed = find(failure, PayloadException.class);
    if (typed != null) {
      return withPath(typed, path, id);
    }
    String message = kryoMessages(failure);
    Matcher depth = MAX_DEPTH.matcher(message);
    if (depth.find() || find(failure, StackOverflowError.class) != null) {
      return new LimitExceededException(
          "value at %s is nested deeper than %s (Limits.maxDepth), or refers to itself"
              .formatted(path, limits.maxDepth()),
          id,
          -1,
          failure);
    }
    if (message.contains("Buffer overflow")) {
      return new LimitExceededException(
          "encoded payload would be over the limit of %s bytes (Limits.maxPayloadSize)"
              .formatted(limits.maxPayloadSize()),
          id,
          -1,
          failure);
    }
    Matcher unregistered = NOT_REGISTERED.matcher(message);
    if (unregistered.find()) {
      return new UnencodableValueException(
          "the value at %s is a %s, which is not registered with codec %s (%s.register)"
              .formatted(path, unregistered.group(1), codec.name(), builder),
          id,
          -1,
          failure);
    }
    return new UnencodableValueException(
        "codec %s could not write the value at %s: %s"
            .formatted(codec.name(), path, firstLine(failure, message)),
        id,
        -1,
        failure);
  }

  private static PayloadException withPath(PayloadException e, String path, int codecId) {
    String reason = e.reason().replace(Bounds.PATH, path);
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return switch (e.kind()) {
      case CORRUPT -> new CorruptPayloadException(reason, codecId, -1, cause);
      case LIMIT_EXCEEDED -> new LimitExceededException(reason, codecId, -1, cause);
      case UNENCODABLE_VALUE -> new UnencodableValueException(reason, codecId, -1, cause);
      default -> e;
    };
  }

  /** The path of the failing value, from the serialization traces in the cause chain. */
  static String path(Throwable failure) {
    List<String> segments = new ArrayList<>();
    int guard = 0;
    for (Throwable t = failure; t != null && guard++ < 32; t = t.getCause()) {
      if (!isKryoException(t)) {
        continue;
      }
      List<String> own = new ArrayList<>();
      for (String line : ownTrace(t).split("\n", -1)) {
        String entry = line.strip();
        int paren = entry.indexOf(" (");
        String name = paren < 0 ? entry : entry.substring(0, paren);
        if (!name.isEmpty()) {
          own.add(name);
        }
      }
      for (int i = own.size() - 1; i >= 0; i--) {
        segments.add(own.get(i));
      }
    }
    StringBuilder path = new StringBuilder("$");
    for (String segment : segments) {
      path.append('.').append(segment);
    }
    return path.toString();
  }

  private static String ownTrace(Throwable kryoException) {
    String message = String.valueOf(kryoException.getMessage());
    Throwable cause = kryoException.getCause();
    if (cause != null) {
      String causeText = cause.toString();
      if (message.startsWith(causeText)) {
        message = message.substring(causeText.length());
      }
    }
    int at = message.lastIndexOf(TRACE);
    return at < 0 ? "" : message.substring(at + TRACE.length());
  }

  private static boolean isKryoException(Throwable t) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("KryoException")) {
        return true;
      }
    }
    return false;
  }

  private static String kryoMessages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    int guard = 0;
    for (Throwable t = failure; t != null && guard++ < 32; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static String firstLine(Throwable failure, String messages) {
    Throwable innermost = failure;
    int guard = 0;
    while (innermost.getCause() != null && guard++ < 32) {
      innermost = innermost.getCause();
    }
    String text = innermost.getMessage();
    if (text == null || text.isBlank()) {
      text = messages;
    }
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    String type = innermost.getClass().getSimpleName();
    return line.isEmpty() ? type : type + ": " + line;
  }

  private static <E extends Throwable> @Nullable E find(Throwable failure, Class<E> type) {
    int guard = 0;
    for (Throwable t = failure; t != null && guard++ < 32; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
