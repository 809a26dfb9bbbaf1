package dev.crossgrade.codec.thrift;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.WellKnownCodecs;

/** A Thrift wire protocol that a {@link ThriftCodec} writes and reads. */
public enum ThriftProtocol {
  /** Thrift's compact protocol (varints, packed field headers): {@code thrift-compact}. */
  COMPACT(WellKnownCodecs.THRIFT_COMPACT),

  /** Thrift's binary protocol (fixed-width big-endian fields): {@code thrift-binary}. */
  BINARY(WellKnownCodecs.THRIFT_BINARY);

  private final CodecDescriptor descriptor;

  ThriftProtocol(CodecDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** The codec identity that payloads written with this protocol carry. */
  public CodecDescriptor descriptor() {
    return descriptor;
  }
}
