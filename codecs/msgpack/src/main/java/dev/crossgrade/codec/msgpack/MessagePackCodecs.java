package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;

/**
 * The MessagePack codecs for the generic value model: one per {@link MessagePackSpec} generation,
 * both reading every payload either writes.
 *
 * <p>Values are those of {@link CodecProvider}'s model with MessagePack's additions:
 *
 * <ul>
 *   <li>{@code null} is nil; a body that is a single nil decodes as {@code null};
 *   <li>{@code Boolean}; integers decode as {@code Long}, or {@code java.math.BigInteger} for a
 *       uint64 above {@code Long.MAX_VALUE} ({@code Integer}, {@code Short} and {@code Byte} are
 *       accepted when writing);
 *   <li>{@code Float} is float32 and {@code Double} is float64, both bit for bit (NaN payloads and
 *       -0.0 included);
 *   <li>{@code String} is str, which must be well-formed UTF-8 (a string with an unpaired surrogate
 *       cannot be written, a str that is not UTF-8 cannot be read);
 *   <li>{@code byte[]} is bin; {@code java.time.Instant} is the timestamp extension (type -1);
 *       {@link MessagePackExtension} is any other extension type;
 *   <li>{@code List} is array; {@code Map} is map, read as an insertion-ordered {@code
 *       LinkedHashMap} and written in the map's iteration order (use an ordered map for repeatable
 *       bytes). Keys may be any scalar: nil, boolean, integer, float, string, timestamp or
 *       extension, but not binary, array or map, which have no value equality in Java. A map with a
 *       duplicate key is refused as corrupt, because readers disagree on which value wins.
 * </ul>
 *
 * <p>The {@linkplain #genericOldSpec() old-spec codec} writes binary as raw, exactly as it writes
 * strings, because the old specification has one raw type for both. Reading it back, raw bytes that
 * are well-formed UTF-8 become a {@code String} and others stay {@code byte[]}; so a {@code byte[]}
 * holding UTF-8 written by the old-spec codec reads back as that {@code String}. The old-spec codec
 * cannot write timestamps or extensions (old readers reject them). Its reader also takes a str that
 * is not UTF-8 as {@code byte[]}, where the current-spec reader fails as corrupt.
 */
public final class MessagePackCodecs {
  private MessagePackCodecs() {}

  /** The generic codec of the current specification ({@code msgpack}, id 0x21). */
  public static Codec<Object> generic() {
    return GenericMessagePackCodec.CURRENT;
  }

  /** The generic codec that old-spec readers can read ({@code msgpack-oldspec}, id 0x20). */
  public static Codec<Object> genericOldSpec() {
    return GenericMessagePackCodec.OLD;
  }

  /** The generic codec that writes to {@code spec}. */
  public static Codec<Object> generic(MessagePackSpec spec) {
    return spec == MessagePackSpec.CURRENT
        ? GenericMessagePackCodec.CURRENT
        : GenericMessagePackCodec.OLD;
  }
}
