package dev.crossgrade.codec.thrift;

import dev.crossgrade.codec.Codec;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.thrift.TBase;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Codec}s for Thrift-generated types: {@code ThriftCodec.newBuilder(User.class,
 * User::new).protocol(ThriftProtocol.COMPACT).build()}. The codecs are thread-safe, evolve by field
 * id as Thrift does (unknown fields are skipped, absent ones stay unset or at their IDL default),
 * and read hostile bytes within the {@link dev.crossgrade.codec.Limits} they are given: length
 * headers are checked against the limits and the bytes that remain before anything is allocated,
 * strings must be valid UTF-8, and the body must end where the struct ends.
 */
public final class ThriftCodec {
  private ThriftCodec() {}

  /**
   * A builder of codecs for {@code type}.
   *
   * @param type the generated struct or union class
   * @param factory makes a new, empty instance for every value read, such as {@code User::new}
   */
  public static <T extends TBase<?, ?>> Builder<T> newBuilder(Class<T> type, Supplier<T> factory) {
    return new Builder<>(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory"));
  }

  /**
   * Builds a Thrift {@link Codec}; each setting may be set once.
   *
   * @param <T> the generated type the codec reads and writes
   */
  public static final class Builder<T extends TBase<?, ?>> {
    private final Class<T> type;
    private final Supplier<T> factory;
    private @Nullable ThriftProtocol protocol;

    private Builder(Class<T> type, Supplier<T> factory) {
      this.type = type;
      this.factory = factory;
    }

    /** The wire protocol; {@link ThriftProtocol#COMPACT} unless set. */
    public Builder<T> protocol(ThriftProtocol protocol) {
      Objects.requireNonNull(protocol, "protocol");
      if (this.protocol != null) {
        throw new IllegalStateException("protocol was already set to " + this.protocol);
      }
      this.protocol = protocol;
      return this;
    }

    /**
     * Returns the codec.
     *
     * @throws IllegalArgumentException if the factory does not return a new {@code type} instance
     *     on each call
     */
    public Codec<T> build() {
      T first = factory.get();
      T second = factory.get();
      if (!type.isInstance(first) || !type.isInstance(second)) {
        throw new IllegalArgumentException(
            "the factory of %s returned %s; it must return a new %s on each call"
                .formatted(
                    type.getName(),
                    (first == null ? "null" : first.getClass().getName()),
                    type.getSimpleName()));
      }
      if (first == second) {
        throw new IllegalArgumentException(
            """
            the factory of %s returned the same instance twice; it must return a new one on each \
            call, because every value read fills the instance it is given"""
                .formatted(type.getName()));
      }
      ThriftProtocol chosen = protocol == null ? ThriftProtocol.COMPACT : protocol;
      return new RealThriftCodec<>(type, factory, chosen);
    }
  }
}
