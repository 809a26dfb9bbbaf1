package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LegacyReader;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads cache entries written by spymemcached's default {@code SerializingTranscoder} (2.x), from
 * the item's bytes and its memcached flags, without using spymemcached: strings, the eight types it
 * stores in a compact form, Java-serialized objects (through a {@link JavaSerializationReader} and
 * its allow-list) and gzip-compressed variants of each. It never writes.
 *
 * <p>The flags are the transcoder's: bit {@link #SERIALIZED}, bit {@link #COMPRESSED}, and in the
 * second byte one of the {@code SPECIAL_*} types. An entry with neither is a string in the
 * configured charset. Compressed entries are inflated into no more than {@link
 * Limits#maxPayloadSize()} bytes, checked against the size the gzip trailer declares before
 * anything is inflated. Flags this transcoder never sets, numbers longer than their type, booleans
 * other than {@code '0'}/{@code '1'} and malformed text are {@link CorruptPayloadException}s where
 * spymemcached would have returned null or a garbled value. Instances are immutable and
 * thread-safe.
 */
public final class SpymemcachedTranscoderReader {

  /** Flag bit: the value is a Java serialization stream. */
  public static final int SERIALIZED = 1;

  /** Flag bit: the stored bytes are gzip-compressed. */
  public static final int COMPRESSED = 2;

  /** The flag bits that hold the special type. */
  public static final int SPECIAL_MASK = 0xFF00;

  /** Special type: a {@code Boolean} stored as the byte {@code '1'} or {@code '0'}. */
  public static final int SPECIAL_BOOLEAN = 1 << 8;

  /** Special type: an {@code Integer}, big-endian without leading zero bytes. */
  public static final int SPECIAL_INT = 2 << 8;

  /** Special type: a {@code Long}, big-endian without leading zero bytes. */
  public static final int SPECIAL_LONG = 3 << 8;

  /** Special type: a {@code java.util.Date} as its epoch milliseconds, like a long. */
  public static final int SPECIAL_DATE = 4 << 8;

  /** Special type: a {@code Byte}, one byte (none for zero). */
  public static final int SPECIAL_BYTE = 5 << 8;

  /** Special type: a {@code Float} as its raw int bits, like an int. */
  public static final int SPECIAL_FLOAT = 6 << 8;

  /** Special type: a {@code Double} as its raw long bits, like a long. */
  public static final int SPECIAL_DOUBLE = 7 << 8;

  /** Special type: a {@code byte[]} stored as is. */
  public static final int SPECIAL_BYTEARRAY = 8 << 8;

  private static final int KNOWN_FLAGS = SPECIAL_MASK | SERIALIZED | COMPRESSED;

  private final JavaSerializationReader<?> objects;
  private final Charset charset;

  private SpymemcachedTranscoderReader(Builder builder) {
    JavaSerializationReader<?> configured = builder.objects;
    this.objects =
        configured != null ? configured : JavaSerializationReader.newBuilder(Object.class).build();
    this.charset = builder.charset;
  }

  /** A builder; the defaults read serialized objects of the core classes only, strings as UTF-8. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Reads an entry's bytes stored with {@code flags}, within {@link Limits#defaults()}. */
  public Object read(byte[] data, int flags) {
    return read(data, 0, data.length, flags, Limits.defaults());
  }

  /**
   * Reads the entry at {@code data[offset, offset + length)} stored with {@code flags}.
   *
   * @return a {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Date}, {@code
   *     Byte}, {@code Float}, {@code Double}, {@code byte[]} or a deserialized object
   * @throws CorruptPayloadException if the flags or bytes are not what the transcoder writes, or a
   *     serialized object is not allowed
   * @throws LimitExceededException if the entry, inflated or not, is over one of the {@code limits}
   */
  public Object read(byte[] data, int offset, int length, int flags, Limits limits) {
    Objects.checkFromIndexSize(offset, length, data.length);
    checkFlags(flags);
    limits.checkPayloadSize(length);
    byte[] bytes = data;
    int from = offset;
    int size = length;
    if ((flags & COMPRESSED) != 0) {
      bytes =
          BoundedGunzip.inflate(
              data, offset, length, limits.maxPayloadSize(), "Limits.maxPayloadSize");
      from = 0;
      size = bytes.length;
    }
    if ((flags & SERIALIZED) != 0) {
      return objects.read(bytes, from, size, limits);
    }
    int special = flags & SPECIAL_MASK;
    return switch (special) {
      case 0 -> text(bytes, from, size, limits);
      case SPECIAL_BOOLEAN -> bool(bytes, from, size);
      case SPECIAL_INT -> (int) number(bytes, from, size, 4, "an Integer");
      case SPECIAL_LONG -> number(bytes, from, size, 8, "a Long");
      case SPECIAL_DATE -> new Date(number(bytes, from, size, 8, "a Date"));
      case SPECIAL_BYTE -> (byte) number(bytes, from, size, 1, "a Byte");
      case SPECIAL_FLOAT -> Float.intBitsToFloat((int) number(bytes, from, size, 4, "a Float"));
      case SPECIAL_DOUBLE -> Double.longBitsToDouble(number(bytes, from, size, 8, "a Double"));
      case SPECIAL_BYTEARRAY -> Arrays.copyOfRange(bytes, from, from + size);
      default -> throw new IllegalStateException("checkFlags let through " + special);
    };
  }

  /**
   * A reader for a {@link dev.crossgrade.codec.CodecRegistry.Builder#legacyReader registry's legacy
   * path}, which sees an entry's bytes but not its memcached flags: it reads every entry as if
   * stored with {@code assumedFlags}. Because a Java serialization stream starts with {@code ac ed}
   * and gzip with {@code 1f 8b}, a reader assuming {@link #SERIALIZED} also reads the entries the
   * transcoder compressed; for other types, state {@link #COMPRESSED} or not.
   *
   * @param valueType the type the entries hold; anything else is a {@link CorruptPayloadException}
   * @throws IllegalArgumentException if {@code assumedFlags} are not flags the transcoder writes
   */
  public <T> LegacyReader<T> legacyReader(int assumedFlags, Class<T> valueType) {
    try {
      checkFlags(assumedFlags);
    } catch (CorruptPayloadException e) {
      throw new IllegalArgumentException(e.reason(), e);
    }
    return new SpymemcachedLegacyReader<>(this, assumedFlags, valueType);
  }

  private static void checkFlags(int flags) {
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new CorruptPayloadException(
          String.format(
              Locale.ROOT,
              "memcached flags 0x%x have bits 0x%x that spymemcached's SerializingTranscoder never"
                  + " sets (written by another client or transcoder?)",
              flags,
              flags & ~KNOWN_FLAGS));
    }
    int special = flags & SPECIAL_MASK;
    if (special > SPECIAL_BYTEARRAY) {
      throw new CorruptPayloadException(
          String.format(
              Locale.ROOT,
              "memcached flags 0x%x name special type %d, which spymemcached's"
                  + " SerializingTranscoder does not have (1 to 8)",
              flags,
              special >> 8));
    }
    if (special != 0 && (flags & SERIALIZED) != 0) {
      throw new CorruptPayloadException(
          String.format(
              Locale.ROOT,
              "memcached flags 0x%x mark a value both serialized and of special type %d, which"
                  + " spymemcached's SerializingTranscoder never writes",
              flags,
              special >> 8));
    }
  }

  private String text(byte[] bytes, int from, int size, Limits limits) {
    limits.checkStringLength(size, "$");
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, size))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptPayloadException(
          """
          entry without type flags should be %s text, but it is not: %s (if it was written with \
          another charset, set SpymemcachedTranscoderReader.Builder.charset)"""
              .formatted(charset.name(), e),
          0,
          -1,
          e);
    }
  }

  private static Boolean bool(byte[] bytes, int from, int size) {
    if (size == 1 && bytes[from] == '1') {
      return Boolean.TRUE;
    }
    if (size == 1 && bytes[from] == '0') {
      return Boolean.FALSE;
    }
    throw new CorruptPayloadException(
        "a Boolean entry must be the single byte '0' or '1', but it has %s bytes%s"
            .formatted(
                size,
                (size > 0 ? String.format(Locale.ROOT, " starting with %02x", bytes[from]) : "")));
  }

  private static long number(byte[] bytes, int from, int size, int maxBytes, String what) {
    if (size > maxBytes) {
      throw new CorruptPayloadException(
          what + " entry has " + size + " bytes, more than the " + maxBytes + " it can hold");
    }
    long value = 0;
    for (int i = from; i < from + size; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  @Override
  public String toString() {
    return "SpymemcachedTranscoderReader{charset=" + charset.name() + ", objects=" + objects + "}";
  }

  /** Builds a {@link SpymemcachedTranscoderReader}; each setting may be set once. */
  public static final class Builder {
    private @Nullable JavaSerializationReader<?> objects;
    private Charset charset = StandardCharsets.UTF_8;
    private boolean charsetSet;

    private Builder() {}

    /**
     * The reader, and so the allow-list and bounds, for {@link #SERIALIZED} entries; default one of
     * {@code Object} values that allows only {@link JavaSerializationReader#coreClasses()}.
     */
    public Builder objects(JavaSerializationReader<?> reader) {
      if (objects != null) {
        throw new IllegalStateException("objects was already set");
      }
      this.objects = Objects.requireNonNull(reader, "reader");
      return this;
    }

    /** The charset strings were written in ({@code setCharset} in spymemcached); default UTF-8. */
    public Builder charset(Charset charset) {
      if (charsetSet) {
        throw new IllegalStateException("charset was already set");
      }
      this.charset = Objects.requireNonNull(charset, "charset");
      this.charsetSet = true;
      return this;
    }

    /** Returns the reader. */
    public SpymemcachedTranscoderReader build() {
      return new SpymemcachedTranscoderReader(this);
    }
  }

  /** A {@link LegacyReader} that reads every entry with the same assumed flags. */
  private static final class SpymemcachedLegacyReader<T> implements LegacyReader<T> {
    private final SpymemcachedTranscoderReader reader;
    private final int assumedFlags;
    private final Class<T> valueType;

    SpymemcachedLegacyReader(
        SpymemcachedTranscoderReader reader, int assumedFlags, Class<T> valueType) {
      this.reader = reader;
      this.assumedFlags = assumedFlags;
      this.valueType = valueType;
    }

    @Override
    public dev.crossgrade.codec.CodecDescriptor descriptor() {
      return reader.objects.descriptor();
    }

    @Override
    public T read(byte[] bytes, int offset, int length, Limits limits) {
      int flags = assumedFlags;
      if ((flags & SERIALIZED) != 0
          && length >= 2
          && (bytes[offset] & 0xFF) == 0x1F
          && (bytes[offset + 1] & 0xFF) == 0x8B) {
        flags |= COMPRESSED;
      }
      Object value = reader.read(bytes, offset, length, flags, limits);
      if (!valueType.isInstance(value)) {
        throw new CorruptPayloadException(
            """
            entry holds a %s, not a %s (the type given to \
            SpymemcachedTranscoderReader.legacyReader)"""
                .formatted(value.getClass().getName(), valueType.getName()));
      }
      return valueType.cast(value);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "SpymemcachedLegacyReader{assumedFlags=0x%x, valueType=%s}",
          assumedFlags,
          valueType.getName());
    }
  }
}
