package dev.crossgrade.codec.thrift;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.thrift.TBase;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.apache.thrift.transport.TTransportException;
import org.jspecify.annotations.Nullable;

/** The Thrift codec: a generated type in one protocol, guarded by {@link GuardedProtocol}. */
final class RealThriftCodec<T extends TBase<?, ?>> implements Codec<T> {
  /** How generated code reports a missing required field, in its validate() and read(). */
  private static final Pattern REQUIRED_FIELD =
      Pattern.compile("^Required field '([^']*)' was not (?:present|found)");

  private static final int MAX_QUOTED_MESSAGE = 200;

  private final Class<T> type;
  private final Supplier<T> factory;
  private final ThriftProtocol protocol;
  private final CodecDescriptor descriptor;

  RealThriftCodec(Class<T> type, Supplier<T> factory, ThriftProtocol protocol) {
    this.type = type;
    this.factory = factory;
    this.protocol = protocol;
    this.descriptor = protocol.descriptor();
  }

  @Override
  public CodecDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Class<T> valueType() {
    return type;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    Objects.requireNonNull(value, "value");
    ValuePath path = new ValuePath(type);
    try {
      TIOStreamTransport transport = new TIOStreamTransport(configuration(limits), out);
      value.write(GuardedProtocol.writing(protocol, transport, limits, path));
    } catch (PayloadException e) {
      throw e;
    } catch (TException | RuntimeException e) {
      throw encodeFailure(e, path);
    } catch (StackOverflowError e) {
      throw tooDeep(e, path, limits);
    }
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    limits.checkPayloadSize(length);
    T value = factory.get();
    ValuePath path = new ValuePath(type);
    try {
      TMemoryInputTransport input =
          new TMemoryInputTransport(configuration(limits), bytes, offset, length);
      value.read(GuardedProtocol.reading(protocol, input, limits, path));
      int trailing = input.getBytesRemainingInBuffer();
      if (trailing != 0) {
        throw corrupt(
            """
            %s bytes follow the end of the %s struct at offset %s of the %s-byte body (trailing \
            garbage, or not a %s %s)"""
                .formatted(
                    trailing,
                    type.getSimpleName(),
                    (length - trailing),
                    length,
                    descriptor.name(),
                    type.getSimpleName()),
            null);
      }
      return value;
    } catch (PayloadException e) {
      throw e;
    } catch (TException | RuntimeException e) {
      throw decodeFailure(e, path, limits);
    } catch (StackOverflowError e) {
      throw tooDeep(e, path, limits);
    }
  }

  /** Thrift's limits, from ours: message and frame size, and the depth to which it skips. */
  private static TConfiguration configuration(Limits limits) {
    int size = (int) Math.min(Integer.MAX_VALUE, limits.maxPayloadSize());
    return new TConfiguration(size, size, limits.maxDepth());
  }

  private PayloadException decodeFailure(Exception e, ValuePath path, Limits limits) {
    if (e instanceof TProtocolException p) {
      switch (p.getType()) {
        case TProtocolException.NEGATIVE_SIZE, TProtocolException.SIZE_LIMIT -> {
          return new LimitExceededException(
              """
              length at %s is negative or over the limit (%s; Limits.maxCollectionSize is %s, \
              Limits.maxStringLength is %s)"""
                  .formatted(path, quote(p), limits.maxCollectionSize(), limits.maxStringLength()),
              descriptor.id(),
              -1,
              p);
        }
        case TProtocolException.DEPTH_LIMIT -> {
          return new LimitExceededException(
              "value at %s is nested over the limit of %s (Limits.maxDepth): %s"
                  .formatted(path, limits.maxDepth(), quote(p)),
              descriptor.id(),
              -1,
              p);
        }
        default -> {
          String missing = missingRequiredField(p, path);
          if (missing != null) {
            return corrupt("required field " + missing + " is missing at " + path, p);
          }
          return corrupt("invalid " + descriptor.name() + " data at " + path + ": " + quote(p), p);
        }
      }
    }
    if (e instanceof TTransportException t && t.getType() == TTransportException.END_OF_FILE) {
      return corrupt("body ends inside the value at " + path + " (truncated payload)", t);
    }
    return corrupt("cannot read a " + type.getSimpleName() + " at " + path + ": " + describe(e), e);
  }

  private PayloadException encodeFailure(Exception e, ValuePath path) {
    String missing = null;
    if (e instanceof TProtocolException p && REQUIRED_FIELD.matcher(quote(p)).find()) {
      // Generated write() validates before it writes anything of the struct, so the struct's
      // own position has not been begun yet.
      path.beginValue();
      missing = missingRequiredField(p, path);
    }
    String reason =
        missing != null
            ? "required field " + missing + " is not set at " + path
            : "cannot write the %s as %s at %s: %s"
                .formatted(type.getSimpleName(), descriptor.name(), path, describe(e));
    return new UnencodableValueException(reason, descriptor.id(), -1, e);
  }

  private LimitExceededException tooDeep(StackOverflowError e, ValuePath path, Limits limits) {
    return new LimitExceededException(
        """
        value at %s is nested too deep for the thread's stack (%s levels); lower Limits.maxDepth \
        (now %s) or give the thread a larger stack"""
            .formatted(path, path.depth(), limits.maxDepth()),
        descriptor.id(),
        -1,
        e);
  }

  private CorruptPayloadException corrupt(String reason, @Nullable Throwable cause) {
    return new CorruptPayloadException(reason, descriptor.id(), -1, cause);
  }

  /**
   * {@code 'name' of Struct} when {@code e} is generated code's required-field check, which runs
   * when the protocol is back at the position of the struct that failed it.
   */
  private static @Nullable String missingRequiredField(TProtocolException e, ValuePath path) {
    String message = e.getMessage();
    if (message == null) {
      return null;
    }
    Matcher field = REQUIRED_FIELD.matcher(message);
    if (!field.find()) {
      return null;
    }
    String struct = path.structName();
    String name = "'" + field.group(1) + "'";
    return struct == null ? name : name + " of " + struct;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + quote(e);
  }

  /** The exception's message, shortened: generated code puts whole values in some of them. */
  private static String quote(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.length() <= MAX_QUOTED_MESSAGE
        ? message
        : message.substring(0, MAX_QUOTED_MESSAGE) + "...";
  }

  @Override
  public String toString() {
    return "ThriftCodec[" + type.getName() + ", " + descriptor + "]";
  }
}
