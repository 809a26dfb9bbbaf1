package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.PayloadException;
import java.io.ObjectInputFilter;
import org.jspecify.annotations.Nullable;

/**
 * The filter set on each stream a {@link JavaSerializationReader} opens: it rejects every class not
 * on the allow-list and every depth, reference count, array length or byte count over the read's
 * bounds, before the class is initialized or the array allocated. It remembers the first rejection
 * so that the reader can report it as a typed exception.
 */
final class StreamFilter implements ObjectInputFilter {

  /** Hash table slots a claim may have per byte left; a legal load factor of 0.25 needs 8. */
  private static final long HASH_SLOTS_PER_BYTE = 8;

  /** Slack for tiny tables and collections at the very end of a stream. */
  private static final long SLACK = 16;

  private final AllowList allowList;
  private final ReadBounds bounds;
  private final long streamLength;
  private @Nullable Failure failure;

  StreamFilter(AllowList allowList, ReadBounds bounds, long streamLength) {
    this.allowList = allowList;
    this.bounds = bounds;
    this.streamLength = streamLength;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    long offset = info.streamBytes();
    if (info.depth() > bounds.maxDepth()) {
      return reject(true, bounds.depthExceeded(info.depth(), offset));
    }
    if (info.references() > bounds.maxReferences()) {
      return reject(true, bounds.referencesExceeded(info.references(), offset));
    }
    if (offset > bounds.maxBytes()) {
      return reject(true, bounds.bytesExceeded(offset));
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return Status.ALLOWED;
    }
    if (type.isArray()) {
      return checkArray(type, info.arrayLength(), offset);
    }
    if (!allowList.allows(type)) {
      return reject(false, AllowList.rejection(type.getName(), offset));
    }
    return Status.ALLOWED;
  }

  private Status checkArray(Class<?> type, long length, long offset) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (!allowList.allowsArrayOf(element)) {
      return reject(false, AllowList.rejection(type.getName(), offset));
    }
    if (length < 0) {
      return Status.ALLOWED; // a class check only (a Class object or descriptor for an array type)
    }
    String what = "array " + type.getSimpleName();
    if (length > bounds.maxArrayLength()) {
      return reject(true, bounds.arrayExceeded(what, length, offset));
    }
    long remaining = Math.max(0, streamLength - offset);
    Class<?> component = type.getComponentType();
    long allowed;
    if (component.isPrimitive()) {
      allowed = remaining / primitiveSize(component);
    } else if (component == java.util.Map.Entry.class) {
      allowed = remaining * HASH_SLOTS_PER_BYTE + SLACK;
    } else {
      allowed = remaining + SLACK; // each element takes at least one byte (TC_NULL)
    }
    if (length > allowed) {
      return reject(
          false,
          "%s at byte %s claims %s elements but only %s bytes remain (truncated or forged length)"
              .formatted(what, offset, length, remaining));
    }
    return Status.ALLOWED;
  }

  static int primitiveSize(Class<?> primitive) {
    if (primitive == long.class || primitive == double.class) {
      return 8;
    }
    if (primitive == int.class || primitive == float.class) {
      return 4;
    }
    if (primitive == short.class || primitive == char.class) {
      return 2;
    }
    return 1;
  }

  /** Records a rejection of a class by the stream's {@code resolveClass}. */
  void rejectClass(String name, long offset) {
    reject(false, AllowList.rejection(name, offset));
  }

  /** Records a rejection found outside the filter; the first one recorded is kept. */
  Status reject(boolean limit, String reason) {
    if (failure == null) {
      failure = new Failure(limit, reason);
    }
    return Status.REJECTED;
  }

  /** The first rejection as a typed exception, if there was one. */
  @Nullable PayloadException failure(Throwable cause) {
    Failure first = failure;
    if (first == null) {
      return null;
    }
    return first.limit
        ? new LimitExceededException(first.reason, 0, -1, cause)
        : new CorruptPayloadException(first.reason, 0, -1, cause);
  }

  private record Failure(boolean limit, String reason) {}
}
