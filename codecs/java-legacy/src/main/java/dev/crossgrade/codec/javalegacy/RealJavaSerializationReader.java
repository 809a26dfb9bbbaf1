package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LegacyReader;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The reader behind {@link JavaSerializationReader}: each read checks the stream's grammar and
 * bounds with {@link StreamScanner} (no class touched), then reads it with a {@link
 * FilteredObjectInputStream} under a {@link StreamFilter} for this stream alone, and turns every
 * failure into a {@link PayloadException}. Immutable and thread-safe.
 *
 * @param <T> the type of the values read
 */
final class RealJavaSerializationReader<T> implements Codec<T>, LegacyReader<T> {
  private final Class<T> valueType;
  private final AllowList allowList;
  private final long maxBytes;
  private final int maxDepth;
  private final long maxReferences;
  private final int maxArrayLength;
  private final long maxExpandedSize;

  RealJavaSerializationReader(
      Class<T> valueType,
      Collection<Class<?>> allowed,
      long maxBytes,
      int maxDepth,
      long maxReferences,
      int maxArrayLength,
      long maxExpandedSize) {
    this.valueType = valueType;
    this.allowList = AllowList.of(allowed);
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.maxReferences = maxReferences;
    this.maxArrayLength = maxArrayLength;
    this.maxExpandedSize = maxExpandedSize;
    if (!valueType.isInterface()
        && valueType != Object.class
        && !java.io.Serializable.class.isAssignableFrom(valueType)) {
      throw new IllegalArgumentException(
          valueType.getName() + " is not Serializable, so no stream can hold one");
    }
  }

  /** Every class this reader may instantiate: the core and the builder's classes. */
  Set<Class<?>> allowedClasses() {
    return allowList.classes();
  }

  @Override
  public CodecDescriptor descriptor() {
    return WellKnownCodecs.JAVA_SERIALIZATION;
  }

  @Override
  public Class<T> valueType() {
    return valueType;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    throw new UnencodableValueException(
        """
        java serialization is read-only; migrate to another codec: give \
        CodecRegistry.Builder.writer a codec such as %s or %s and keep this reader as \
        CodecRegistry.Builder.legacyReader until old entries expire"""
            .formatted(WellKnownCodecs.JSON.name(), WellKnownCodecs.KRYO5.name()),
        WellKnownCodecs.JAVA_SERIALIZATION.id(),
        -1,
        null);
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    return read(bytes, offset, length, limits);
  }

  @Override
  public T read(byte[] bytes, int offset, int length, Limits limits) {
    return read(bytes, offset, length, limits, ChunkedInput.WHOLE);
  }

  /**
   * {@link #read(byte[], int, int, Limits)}, its stream reading at most {@code chunk} bytes a call.
   */
  T read(byte[] bytes, int offset, int length, Limits limits, int chunk) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ReadBounds bounds =
        ReadBounds.of(limits, maxBytes, maxDepth, maxReferences, maxArrayLength, maxExpandedSize);
    if (length > bounds.maxBytes()) {
      throw new LimitExceededException(bounds.bytesExceeded(length));
    }
    StreamScanner.scan(bytes, offset, length, bounds);
    Object value = readObject(bytes, offset, length, bounds, chunk);
    if (value == null) {
      throw new CorruptPayloadException("the stream holds null, not a " + valueType.getName());
    }
    if (!valueType.isInstance(value)) {
      throw new CorruptPayloadException(
          """
          the stream holds a %s, not a %s (the value type given to \
          JavaSerializationReader.newBuilder)"""
              .formatted(value.getClass().getName(), valueType.getName()));
    }
    return valueType.cast(value);
  }

  private Object readObject(byte[] bytes, int offset, int length, ReadBounds bounds, int chunk) {
    StreamFilter filter = new StreamFilter(allowList, bounds, length);
    FilteredObjectInputStream in = null;
    try {
      in = FilteredObjectInputStream.open(bytes, offset, length, allowList, filter, chunk);
      return in.readObject();
    } catch (IOException
        | ClassNotFoundException
        | RuntimeException
        | StackOverflowError
        | InternalError e) {
      // InternalError: the JDK's immutable collections throw it from readResolve for a serial form
      // with an odd number of map elements ("length is odd"), which a crafted stream can hold.
      throw failure(e, filter, in == null ? 0 : in.position(), bounds);
    }
  }

  private static PayloadException failure(
      Throwable e, StreamFilter filter, long position, ReadBounds bounds) {
    PayloadException rejected = filter.failure(e);
    if (rejected != null) {
      return rejected;
    }
    if (e instanceof PayloadException payload) {
      return payload;
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof StackOverflowError) {
      return new LimitExceededException(
          "value is nested too deep for this thread's stack by byte %s; lower %s (now %s)"
              .formatted(position, bounds.maxDepthKnob(), bounds.maxDepth()),
          0,
          -1,
          e);
    }
    if (e instanceof InvalidClassException invalid) {
      String name = invalid.classname == null ? "a class" : "class " + invalid.classname;
      if (message.contains("serialVersionUID")) {
        return corrupt(
            """
            %s changed incompatibly since the entry was written (%s); this runtime cannot read \
            the entry: let it expire, or read it where the old class is present"""
                .formatted(name, message),
            e);
      }
      return corrupt(name + " cannot be read at byte " + position + ": " + message, e);
    }
    if (e instanceof InvalidObjectException) {
      return corrupt("a class rejected its serialized data at byte " + position + ": " + e, e);
    }
    if (e instanceof ClassNotFoundException) {
      return corrupt("a class the stream names is not available: " + message, e);
    }
    if (e instanceof IOException) {
      return corrupt("not a valid Java serialization stream at byte " + position + ": " + e, e);
    }
    return corrupt("reading the stream failed at byte " + position + ": " + e, e);
  }

  private static CorruptPayloadException corrupt(String reason, Throwable cause) {
    return new CorruptPayloadException(reason, 0, -1, cause);
  }

  @Override
  public String toString() {
    return "JavaSerializationReader{valueType=%s, allowed=%s classes}"
        .formatted(valueType.getName(), allowList.classes().size());
  }
}
