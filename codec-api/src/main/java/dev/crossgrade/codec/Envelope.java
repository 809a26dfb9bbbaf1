package dev.crossgrade.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Writes and parses the envelope; the layout is specified in {@code codec-api/FORMAT.md}.
 *
 * <p>Over 500 lines, on purpose: writing and parsing stay in one file, field by field against
 * {@code FORMAT.md}, so a change of the layout cannot reach one side only.
 */
final class Envelope {
  static final int MAGIC_0 = 0xC1;
  static final int MAGIC_1 = 0x47;
  static final int VERSION = 1;
  static final int FIXED_HEADER = 8;
  static final int CHECKSUM_PART = 8;
  static final int COMPRESSION_PART = 5;
  static final int FLAG_CHECKSUM = 0x01;
  static final int FLAG_COMPRESSED = 0x02;
  static final int FLAG_WRITER_TAG = 0x04;
  static final int RESERVED_FLAGS = 0xF8;
  static final int MAX_SCHEMA_VERSION = 0xFFFF;

  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Envelope() {}

  static int flags(boolean checksum, boolean writerTag, boolean compressed) {
    return (checksum ? FLAG_CHECKSUM : 0)
        | (writerTag ? FLAG_WRITER_TAG : 0)
        | (compressed ? FLAG_COMPRESSED : 0);
  }

  /** A parsed payload: the header and where its (decompressed) body is. */
  record Frame(PayloadHeader header, byte[] body, int bodyOffset, int bodyLength) {}

  /**
   * How a registry writes envelopes; immutable. The fixed header of its payloads depends only on
   * these settings and on whether the body was compressed, so both variants are computed once.
   */
  static final class Settings {
    private final int codecId;
    private final int schemaVersion;
    private final boolean checksum;
    private final byte @Nullable [] writerTag;
    private final Compression compression;
    private final int compressionThreshold;
    private final int reservedHeader;
    private final long header;
    private final long compressedHeader;

    Settings(
        int codecId,
        int schemaVersion,
        boolean checksum,
        byte @Nullable [] writerTag,
        Compression compression,
        int compressionThreshold) {
      if (codecId < 1 || codecId > 255) {
        throw new IllegalArgumentException("codec id must be 1 to 255, was " + codecId);
      }
      if (schemaVersion < 0 || schemaVersion > MAX_SCHEMA_VERSION) {
        throw new IllegalArgumentException(
            "schema version must be 0 to 65535, was " + schemaVersion);
      }
      this.codecId = codecId;
      this.schemaVersion = schemaVersion;
      this.checksum = checksum;
      this.writerTag = writerTag == null ? null : writerTag.clone();
      this.compression = compression;
      this.compressionThreshold = compressionThreshold;
      this.reservedHeader =
          FIXED_HEADER
              + (checksum ? CHECKSUM_PART : 0)
              + (writerTag == null ? 0 : 1 + writerTag.length);
      this.header = fixedHeader(codecId, schemaVersion, flags(checksum, writerTag != null, false));
      this.compressedHeader =
          fixedHeader(codecId, schemaVersion, flags(checksum, writerTag != null, true));
    }

    int codecId() {
      return codecId;
    }

    int schemaVersion() {
      return schemaVersion;
    }

    boolean checksum() {
      return checksum;
    }

    byte @Nullable [] writerTag() {
      return writerTag;
    }

    Compression compression() {
      return compression;
    }

    int compressionThreshold() {
      return compressionThreshold;
    }

    /** Bytes reserved before the body; the compression part is inserted only if it pays. */
    int reservedHeader() {
      return reservedHeader;
    }
  }

  /**
   * The fixed header (bytes 0 to 7, check byte included) of a payload with these fields, as a
   * big-endian long.
   */
  static long fixedHeader(int codecId, int schemaVersion, int flags) {
    byte[] header = new byte[FIXED_HEADER];
    header[0] = (byte) MAGIC_0;
    header[1] = (byte) MAGIC_1;
    header[2] = (byte) VERSION;
    header[3] = (byte) codecId;
    header[4] = (byte) (schemaVersion >>> 8);
    header[5] = (byte) schemaVersion;
    header[6] = (byte) flags;
    header[7] = (byte) crc8(header, 0, 7);
    return (long) LONG_BIG_ENDIAN.get(header, 0);
  }

  /**
   * The fixed header of a plain payload (no checksum, writer tag or compression): one whose first
   * eight bytes are this long is a valid envelope whose body is all that follows, exactly what
   * {@link #parse} finds in it, so a reader may take the body without parsing again.
   */
  static long plainHeader(int codecId, int schemaVersion) {
    return fixedHeader(codecId, schemaVersion, 0);
  }

  /** The eight bytes at {@code bytes[offset]} as a big-endian long, to compare with a header. */
  static long fixedHeaderAt(byte[] bytes, int offset) {
    return (long) LONG_BIG_ENDIAN.get(bytes, offset);
  }

  /** Validates a writer tag and returns its bytes. */
  static byte[] writerTagBytes(String tag) {
    if (tag.isEmpty() || tag.length() > 255) {
      throw new IllegalArgumentException(
          "writer tag must be 1 to 255 characters, was " + tag.length());
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "writer tag must be printable ASCII, has U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + ": '"
                + tag
                + "'");
      }
    }
    return tag.getBytes(StandardCharsets.US_ASCII);
  }

  /** Reserves room for the header at the start of an empty buffer; the body follows. */
  static void reserve(PayloadBuffer buffer, Settings settings) {
    int reserved = settings.reservedHeader();
    buffer.ensureCapacity(reserved);
    buffer.truncate(0);
    buffer.adopt(buffer.array(), reserved);
  }

  /**
   * Completes a payload whose body was written after {@link #reserve}: compresses the body if that
   * pays, fills in the header and checksum, and returns the payload bytes.
   */
  static byte[] seal(PayloadBuffer buffer, Settings settings) {
    int reserved = settings.reservedHeader();
    byte[] array = buffer.array();
    int size = buffer.size();
    int bodyLength = size - reserved;
    if (settings.compression() == Compression.DEFLATE
        && bodyLength >= settings.compressionThreshold()) {
      byte[] compressed = deflate(array, reserved, bodyLength);
      if (compressed.length + COMPRESSION_PART < bodyLength) {
        int headerLength = reserved + COMPRESSION_PART;
        byte[] payload = new byte[headerLength + compressed.length];
        int at = reserved;
        payload[at++] = (byte) Compression.DEFLATE.id();
        putInt(payload, at, bodyLength);
        System.arraycopy(compressed, 0, payload, headerLength, compressed.length);
        writeHeader(payload, settings, true, headerLength);
        return payload;
      }
    }
    byte[] payload = size == array.length ? array : Arrays.copyOf(array, size);
    writeHeader(payload, settings, false, reserved);
    return payload;
  }

  private static void writeHeader(
      byte[] payload, Settings settings, boolean compressed, int headerLength) {
    LONG_BIG_ENDIAN.set(payload, 0, compressed ? settings.compressedHeader : settings.header);
    int at = FIXED_HEADER + (settings.checksum() ? CHECKSUM_PART : 0);
    byte[] tag = settings.writerTag();
    if (tag != null) {
      payload[at++] = (byte) tag.length;
      System.arraycopy(tag, 0, payload, at, tag.length);
    }
    if (settings.checksum()) {
      putInt(payload, FIXED_HEADER, payload.length - headerLength);
      putInt(payload, FIXED_HEADER + 4, crc32c(payload, 0, payload.length));
    }
  }

  /**
   * Parses a payload, or returns null if it does not start with the magic (a legacy payload).
   *
   * @throws PayloadException if it starts with the magic but is not a valid payload
   */
  static @Nullable Frame parse(byte[] bytes, int offset, int length, Limits limits) {
    limits.checkPayloadSize(length);
    if (length == 0) {
      throw new CorruptPayloadException("empty payload: a cache value has at least one byte");
    }
    int b0 = bytes[offset] & 0xFF;
    int b1 = length > 1 ? bytes[offset + 1] & 0xFF : MAGIC_1;
    if (b0 != MAGIC_0 || b1 != MAGIC_1) {
      if (damagedMagic(bytes, offset, length, b0, b1)) {
        throw new CorruptPayloadException(
            String.format(
                "magic bytes %02x %02x are one bit off c1 47 and the rest of the header is intact:"
                    + " a damaged envelope, not a legacy payload",
                b0, b1));
      }
      return null;
    }
    if (length < FIXED_HEADER) {
      throw new CorruptPayloadException(
          "truncated: " + length + " bytes, the envelope header alone needs " + FIXED_HEADER);
    }
    int check = bytes[offset + 7] & 0xFF;
    if (crc8(bytes, offset, 7) != check) {
      throw new CorruptPayloadException(
          "header check byte mismatch: the first 8 bytes are damaged");
    }
    int version = bytes[offset + 2] & 0xFF;
    int codecId = bytes[offset + 3] & 0xFF;
    int schemaVersion = ((bytes[offset + 4] & 0xFF) << 8) | (bytes[offset + 5] & 0xFF);
    int flags = bytes[offset + 6] & 0xFF;
    if (version != VERSION) {
      if (version > VERSION) {
        throw new UnsupportedEnvelopeException(
            "envelope format version "
                + version
                + " is newer than this runtime reads ("
                + VERSION
                + "); upgrade Crossgrade on this runtime",
            codecId,
            schemaVersion,
            null);
      }
      throw new CorruptPayloadException("envelope format version 0 does not exist");
    }
    if (codecId == 0) {
      throw new CorruptPayloadException("codec id 0 is reserved and never written");
    }
    if ((flags & RESERVED_FLAGS) != 0) {
      throw new CorruptPayloadException(
          String.format("reserved flag bits 0x%02x are set", flags & RESERVED_FLAGS),
          codecId,
          schemaVersion,
          null);
    }
    boolean checksummed = (flags & FLAG_CHECKSUM) != 0;
    boolean compressed = (flags & FLAG_COMPRESSED) != 0;
    int at = FIXED_HEADER;
    int end = offset + length;
    int storedBodyLength = -1;
    int storedChecksum = 0;
    if (checksummed) {
      requireBytes(length, at + CHECKSUM_PART, "checksum", codecId, schemaVersion);
      storedBodyLength = getInt(bytes, offset + at);
      storedChecksum = getInt(bytes, offset + at + 4);
      at += CHECKSUM_PART;
    }
    int tagAt = -1;
    int tagLength = 0;
    if ((flags & FLAG_WRITER_TAG) != 0) {
      requireBytes(length, at + 1, "writer tag length", codecId, schemaVersion);
      tagLength = bytes[offset + at] & 0xFF;
      requireBytes(length, at + 1 + tagLength, "writer tag", codecId, schemaVersion);
      tagAt = at + 1;
      at += 1 + tagLength;
    }
    int compressionAt = at;
    if (compressed) {
      requireBytes(length, at + COMPRESSION_PART, "compression part", codecId, schemaVersion);
      at += COMPRESSION_PART;
    }
    int headerLength = at;
    int bodyLength = length - headerLength;
    if (checksummed) {
      if (storedBodyLength != bodyLength) {
        throw new CorruptPayloadException(
            "body is "
                + bodyLength
                + " bytes but the header says "
                + Integer.toUnsignedString(storedBodyLength)
                + " (truncated or extended)",
            codecId,
            schemaVersion,
            null);
      }
      int actual = crc32c(bytes, offset, length);
      if (actual != storedChecksum) {
        throw new CorruptPayloadException(
            String.format(
                "checksum mismatch: CRC32C is %08x, the header says %08x", actual, storedChecksum),
            codecId,
            schemaVersion,
            null);
      }
    }
    String writerTag = null;
    if (tagAt >= 0) {
      if (tagLength == 0) {
        throw new CorruptPayloadException(
            "writer tag flag set but the tag is empty", codecId, schemaVersion, null);
      }
      for (int i = 0; i < tagLength; i++) {
        int c = bytes[offset + tagAt + i] & 0xFF;
        if (c < 0x20 || c > 0x7E) {
          throw new CorruptPayloadException(
              String.format("writer tag has byte %02x at index %d, not printable ASCII", c, i),
              codecId,
              schemaVersion,
              null);
        }
      }
      writerTag = new String(bytes, offset + tagAt, tagLength, StandardCharsets.US_ASCII);
    }
    Compression compression = Compression.NONE;
    int uncompressedLength = bodyLength;
    if (compressed) {
      int algorithm = bytes[offset + compressionAt] & 0xFF;
      if (algorithm != Compression.DEFLATE.id()) {
        throw new CorruptPayloadException(
            "unknown compression algorithm " + algorithm + " (1 is DEFLATE)",
            codecId,
            schemaVersion,
            null);
      }
      compression = Compression.DEFLATE;
      long declared = getInt(bytes, offset + compressionAt + 1) & 0xFFFF_FFFFL;
      try {
        limits.checkPayloadSize(declared);
      } catch (LimitExceededException e) {
        throw new LimitExceededException(
            "uncompressed body: " + e.reason(), codecId, schemaVersion, null);
      }
      uncompressedLength = (int) declared;
    }
    PayloadHeader header =
        new PayloadHeader(
            version,
            codecId,
            schemaVersion,
            checksummed,
            compression,
            uncompressedLength,
            writerTag,
            headerLength,
            bodyLength);
    if (compressed) {
      byte[] body =
          inflate(
              bytes, offset + headerLength, bodyLength, uncompressedLength, codecId, schemaVersion);
      return new Frame(header, body, 0, body.length);
    }
    assert offset + headerLength + bodyLength == end;
    return new Frame(header, bytes, offset + headerLength, bodyLength);
  }

  private static boolean damagedMagic(byte[] bytes, int offset, int length, int b0, int b1) {
    int distance = Integer.bitCount(b0 ^ MAGIC_0) + Integer.bitCount(b1 ^ MAGIC_1);
    if (distance != 1 || length < FIXED_HEADER || (bytes[offset + 2] & 0xFF) != VERSION) {
      return false;
    }
    byte[] header = Arrays.copyOfRange(bytes, offset, offset + 7);
    header[0] = (byte) MAGIC_0;
    header[1] = (byte) MAGIC_1;
    return crc8(header, 0, 7) == (bytes[offset + 7] & 0xFF);
  }

  private static void requireBytes(
      int length, int needed, String part, int codecId, int schemaVersion) {
    if (length < needed) {
      throw new CorruptPayloadException(
          "truncated: " + length + " bytes, the " + part + " needs " + needed,
          codecId,
          schemaVersion,
          null);
    }
  }

  private static byte[] deflate(byte[] array, int offset, int length) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(array, offset, length);
      deflater.finish();
      byte[] out = new byte[Math.max(64, length / 2)];
      int size = 0;
      while (!deflater.finished()) {
        if (size == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        size += deflater.deflate(out, size, out.length - size);
      }
      return Arrays.copyOf(out, size);
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(
      byte[] bytes,
      int offset,
      int length,
      int uncompressedLength,
      int codecId,
      int schemaVersion) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(bytes, offset, length);
      // The declared length is only a claim: grow towards it as bytes actually inflate, so that a
      // few bytes declaring 1 MiB cost what they inflate to, not 1 MiB.
      byte[] out = new byte[Math.min(uncompressedLength, Math.max(4096, 2 * length))];
      int size = 0;
      while (size < uncompressedLength) {
        if (size == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(uncompressedLength, 2L * out.length));
        }
        int n = inflater.inflate(out, size, out.length - size);
        if (n == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        size += n;
      }
      if (size != uncompressedLength) {
        throw new CorruptPayloadException(
            "compressed body inflates to " + size + " bytes, the header says " + uncompressedLength,
            codecId,
            schemaVersion,
            null);
      }
      if (!inflater.finished()) {
        byte[] probe = new byte[1];
        if (inflater.inflate(probe) > 0 || !inflater.finished()) {
          throw new CorruptPayloadException(
              "compressed body inflates to more than the "
                  + uncompressedLength
                  + " bytes the header says",
              codecId,
              schemaVersion,
              null);
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new CorruptPayloadException(
            inflater.getRemaining() + " bytes follow the end of the compressed body",
            codecId,
            schemaVersion,
            null);
      }
      return out;
    } catch (DataFormatException e) {
      throw new CorruptPayloadException(
          "compressed body is not valid DEFLATE: " + e.getMessage(), codecId, schemaVersion, e);
    } finally {
      inflater.end();
    }
  }

  /** CRC-8/SMBUS of every byte value, so the header check costs one lookup per byte. */
  private static final byte[] CRC8_TABLE = crc8Table();

  private static byte[] crc8Table() {
    byte[] table = new byte[256];
    for (int value = 0; value < 256; value++) {
      int crc = value;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
      table[value] = (byte) crc;
    }
    return table;
  }

  /** CRC-8 with polynomial 0x07 and initial value 0 (CRC-8/SMBUS). */
  static int crc8(byte[] bytes, int offset, int length) {
    int crc = 0;
    for (int i = 0; i < length; i++) {
      crc = CRC8_TABLE[(crc ^ bytes[offset + i]) & 0xFF] & 0xFF;
    }
    return crc;
  }

  /** CRC32C over a payload, skipping the checksum field itself. */
  private static int crc32c(byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(payload, offset, FIXED_HEADER + 4);
    crc.update(
        payload, offset + FIXED_HEADER + CHECKSUM_PART, length - FIXED_HEADER - CHECKSUM_PART);
    return (int) crc.getValue();
  }

  private static void putInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  private static int getInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 24)
        | ((bytes[at + 1] & 0xFF) << 16)
        | ((bytes[at + 2] & 0xFF) << 8)
        | (bytes[at + 3] & 0xFF);
  }
}
