package dev.crossgrade.codec.javalegacy;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * The only {@link ObjectInputStream} in Crossgrade: its per-stream filter is set in the constructor
 * before any object is read, class names resolve only through the allow-list (so no other class is
 * even loaded), and dynamic proxy classes are refused.
 */
final class FilteredObjectInputStream extends ObjectInputStream {
  private final AllowList allowList;
  private final StreamFilter filter;
  private final ChunkedInput input;

  private FilteredObjectInputStream(ChunkedInput input, AllowList allowList, StreamFilter filter)
      throws IOException {
    super(input);
    this.input = input;
    this.allowList = allowList;
    this.filter = filter;
    setObjectInputFilter(filter);
  }

  /**
   * Opens a stream over {@code bytes[offset, offset + length)}, behind {@code filter}, reading at
   * most {@code chunk} bytes at a time ({@link ChunkedInput#WHOLE} outside tests).
   */
  static FilteredObjectInputStream open(
      byte[] bytes, int offset, int length, AllowList allowList, StreamFilter filter, int chunk)
      throws IOException {
    return new FilteredObjectInputStream(
        new ChunkedInput(bytes, offset, length, chunk), allowList, filter);
  }

  /** How many bytes of the stream have been consumed. */
  long position() {
    return input.position();
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException {
    String name = desc.getName();
    Class<?> type = allowList.resolve(name);
    if (type == null) {
      filter.rejectClass(name, position());
      throw new InvalidClassException(name, "not on the allow-list");
    }
    return type;
  }

  @Override
  protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
    filter.reject(
        false,
        """
        the stream holds a dynamic proxy class implementing %s at byte %s; \
        JavaSerializationReader never allows proxies"""
            .formatted(String.join(", ", interfaces), position()));
    throw new InvalidClassException("dynamic proxy classes are never allowed");
  }
}
