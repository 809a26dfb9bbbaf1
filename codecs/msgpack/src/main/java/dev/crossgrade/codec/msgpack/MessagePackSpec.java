package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.WellKnownCodecs;

/**
 * The generation of the MessagePack specification a writer targets. Readers of this module accept
 * both generations, so a fleet can move from {@link #OLD} to {@link #CURRENT} one runtime at a
 * time.
 */
public enum MessagePackSpec {
  /**
   * The current specification: str8 for strings of 32 to 255 bytes, the bin family for binary, and
   * extension types (timestamps among them). Written under {@link WellKnownCodecs#MSGPACK}.
   */
  CURRENT(WellKnownCodecs.MSGPACK),

  /**
   * The specification before 2013 as old readers (such as msgpack-java 0.6) understand it: strings
   * and binary are both written as raw (fixraw, raw16, raw32), never str8 or bin, and extension
   * types, which old readers reject, cannot be written. Written under {@link
   * WellKnownCodecs#MSGPACK_OLDSPEC}.
   */
  OLD(WellKnownCodecs.MSGPACK_OLDSPEC);

  private final CodecDescriptor descriptor;

  MessagePackSpec(CodecDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** The codec descriptor that payloads written to this specification carry. */
  public CodecDescriptor descriptor() {
    return descriptor;
  }
}
