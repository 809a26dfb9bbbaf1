package dev.crossgrade.codec;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a payload's envelope, as read by {@link #read(byte[])}.
 *
 * @param envelopeVersion the envelope format version (1)
 * @param codecId the codec id of the body
 * @param schemaVersion the schema version of the value's type, 0 to 65535
 * @param checksummed whether the payload carries a CRC32C, which was verified
 * @param compression how the body is compressed
 * @param uncompressedLength the body's length before compression, or the body length if none
 * @param writerTag the runtime that wrote the payload, if it said
 * @param headerLength the bytes before the body: the fixed header and the optional parts
 * @param bodyLength the body's length as stored (compressed, if it is)
 */
public record PayloadHeader(
    int envelopeVersion,
    int codecId,
    int schemaVersion,
    boolean checksummed,
    Compression compression,
    int uncompressedLength,
    @Nullable String writerTag,
    int headerLength,
    int bodyLength) {

  /** The assigned codec this payload names, if its id is one of {@link WellKnownCodecs}. */
  public Optional<CodecDescriptor> codec() {
    return WellKnownCodecs.byId(codecId);
  }

  /** The flags byte these fields imply. */
  public int flags() {
    return Envelope.flags(checksummed, writerTag != null, compression != Compression.NONE);
  }

  /** The payload's total length. */
  public int payloadLength() {
    return headerLength + bodyLength;
  }

  /**
   * Reads and verifies the envelope of a whole payload: header check, checksum and compressed
   * stream, against the default {@link Limits}.
   *
   * @throws LegacyPayloadException if the bytes do not start with the envelope's magic
   * @throws PayloadException for any other unreadable payload
   */
  public static PayloadHeader read(byte[] payload) {
    return read(payload, Limits.defaults());
  }

  /** Like {@link #read(byte[])}, with the given limits. */
  public static PayloadHeader read(byte[] payload, Limits limits) {
    Envelope.Frame frame = Envelope.parse(payload, 0, payload.length, limits);
    if (frame == null) {
      throw new LegacyPayloadException(
          "payload does not start with the envelope magic c1 47: it was written without"
              + " Crossgrade (a legacy payload)");
    }
    return frame.header();
  }
}
