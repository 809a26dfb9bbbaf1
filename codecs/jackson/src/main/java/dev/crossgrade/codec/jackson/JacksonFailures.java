package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates Jackson's exceptions into codec-api's: constraint violations become {@link
 * LimitExceededException} naming the {@link dev.crossgrade.codec.Limits} setting, other read
 * failures {@link CorruptPayloadException}, write failures {@link UnencodableValueException}. Each
 * reason starts with the {@code line:column} of the failure when the input is known, and names the
 * JSON path where Jackson knows it.
 */
final class JacksonFailures {
  private static final int MAX_MESSAGE = 300;

  private JacksonFailures() {}

  /**
   * The failure to read the JSON text at {@code bytes[start, ...)} with {@code parser}, whose
   * position names the path when the exception does not.
   */
  static PayloadException reading(
      Throwable failure, byte[] bytes, int start, @Nullable JsonParser parser) {
    PayloadException typed = typedCause(failure);
    if (typed != null) {
      return typed;
    }
    String where = position(failure, bytes, start);
    String path = path(failure);
    if (path.isEmpty() && parser != null) {
      path = " at " + JsonPath.of(parser.getParsingContext());
    }
    StreamConstraintsException limit = constraintCause(failure);
    if (limit != null) {
      return new LimitExceededException(where + describeConstraint(limit) + path, 0, -1, failure);
    }
    return new CorruptPayloadException(where + message(failure) + path, 0, -1, failure);
  }

  /**
   * The failure of a body that is JSON {@code null}: not a {@code type}, or, for the generic model
   * ({@code type} null), a value it allows only inside objects and arrays.
   */
  static CorruptPayloadException nullBody(@Nullable Class<?> type) {
    return new CorruptPayloadException(
        type == null
            ? "1:1: the body is JSON null, which the generic model allows only inside objects and"
                + " arrays"
            : "1:1: the body is JSON null, not a " + type.getSimpleName());
  }

  /** The failure to write a value. */
  static PayloadException writing(Throwable failure) {
    PayloadException typed = typedCause(failure);
    if (typed != null) {
      return typed;
    }
    String path = path(failure);
    StreamConstraintsException limit = constraintCause(failure);
    if (limit != null) {
      return new LimitExceededException(describeConstraint(limit) + path, 0, -1, failure);
    }
    return new UnencodableValueException(message(failure) + path, 0, -1, failure);
  }

  private static @Nullable PayloadException typedCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PayloadException typed) {
        return typed;
      }
    }
    return null;
  }

  private static @Nullable StreamConstraintsException constraintCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return limit;
      }
    }
    return null;
  }

  private static String describeConstraint(StreamConstraintsException limit) {
    String message = limit.getOriginalMessage();
    String knob;
    if (message.contains("NestingDepth")) {
      knob = "Limits.maxDepth";
    } else if (message.contains("StringLength") || message.contains("NameLength")) {
      knob = "Limits.maxStringLength";
    } else if (message.contains("DocumentLength")) {
      knob = "Limits.maxPayloadSize";
    } else if (message.contains("NumberLength")) {
      knob = "fixed at " + JsonFactories.MAX_NUMBER_LENGTH + " characters";
    } else {
      knob = "Jackson StreamReadConstraints";
    }
    return shorten(message) + " (" + knob + ")";
  }

  private static String message(Throwable failure) {
    String message =
        failure instanceof JsonProcessingException processing
            ? processing.getOriginalMessage()
            : failure.getMessage();
    return shorten(message == null ? failure.getClass().getSimpleName() : message);
  }

  private static String shorten(String message) {
    String oneLine = message.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
  }

  private static String position(Throwable failure, byte[] bytes, int start) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException processing) {
        JsonLocation location = processing.getLocation();
        if (location != null && location.getByteOffset() >= 0) {
          return JsonPath.position(bytes, start, start + (int) location.getByteOffset()) + ": ";
        }
        if (location != null && location.getLineNr() > 0) {
          return location.getLineNr() + ":" + location.getColumnNr() + ": ";
        }
      }
    }
    return "";
  }

  /** {@code " at $.lines[2].sku"} from the outermost mapping exception, or nothing. */
  private static String path(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        return " at " + path(mapping.getPath());
      }
    }
    return "";
  }

  static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        JsonPath.appendKey(path, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        JsonPath.appendIndex(path, reference.getIndex());
      }
    }
    return path.toString();
  }
}
