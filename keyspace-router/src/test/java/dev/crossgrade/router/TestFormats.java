package dev.crossgrade.router;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two runtimes whose formats are incompatible: the old one writes {@link ItemV1} as text with codec
 * {@code test-old} (0x80) at schema v1 and cannot read anything else; the new one has {@link
 * ItemV2} at schema v2, writes binary {@code test-new} (0x81), reads both, and can write the old
 * format through a downcaster.
 */
final class TestFormats {
  static final CodecDescriptor OLD = CodecDescriptor.of(0x80, "test-old", "test-old", 1);
  static final CodecDescriptor NEW = CodecDescriptor.of(0x81, "test-new", "test-new", 2);
  static final String OLD_RUNTIME = "shop-v1";
  static final String NEW_RUNTIME = "shop-v2";

  private TestFormats() {}

  /** The old runtime's value: words joined by single spaces. */
  record ItemV1(String id, long version, String text) {}

  /** The new runtime's value: the same words as a list. */
  record ItemV2(String id, long version, List<String> words) {
    ItemV2 {
      words = List.copyOf(words);
    }
  }

  static ItemV2 up(ItemV1 old) {
    return new ItemV2(
        old.id(),
        old.version(),
        old.text().isEmpty() ? List.of() : Arrays.asList(old.text().split(" ", -1)));
  }

  static ItemV1 down(ItemV2 item) {
    return new ItemV1(item.id(), item.version(), String.join(" ", item.words()));
  }

  /** The old runtime's only registry: reads and writes test-old@v1. */
  static CodecRegistry<ItemV1> oldRegistry() {
    return CodecRegistry.newBuilder(ItemV1.class).writer(new OldCodec()).build();
  }

  /** The new runtime's registry: reads test-old@v1 (upcast) and test-new@v2, writes test-new@v2. */
  static CodecRegistry<ItemV2> newRegistry() {
    return CodecRegistry.newBuilder(ItemV2.class)
        .currentSchemaVersion(2)
        .reader(1, new OldCodec())
        .upcaster(1, ItemV1.class, ItemV2.class, TestFormats::up)
        .writer(new NewCodec())
        .build();
  }

  /** The new runtime's compatible registry: reads the same, writes test-old@v1 via a downcaster. */
  static CodecRegistry<ItemV2> compatibleRegistry() {
    return CodecRegistry.newBuilder(ItemV2.class)
        .currentSchemaVersion(2)
        .reader(new NewCodec())
        .reader(1, new OldCodec())
        .upcaster(1, ItemV1.class, ItemV2.class, TestFormats::up)
        .writer(1, new OldCodec(), TestFormats::down)
        .build();
  }

  /** Text: {@code id NUL version NUL text}, strict UTF-8. */
  static final class OldCodec implements Codec<ItemV1> {
    @Override
    public CodecDescriptor descriptor() {
      return OLD;
    }

    @Override
    public Class<ItemV1> valueType() {
      return ItemV1.class;
    }

    @Override
    public void encode(ItemV1 value, PayloadBuffer out, Limits limits) {
      byte[] bytes =
          (value.id() + '\0' + value.version() + '\0' + value.text())
              .getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }

    @Override
    public ItemV1 decode(byte[] bytes, int offset, int length, Limits limits) {
      limits.checkClaimedBytes(length, length, "$");
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
      } catch (CharacterCodingException e) {
        throw new CorruptPayloadException("test-old body is not UTF-8");
      }
      String[] parts = text.split("\0", -1);
      if (parts.length != 3) {
        throw new CorruptPayloadException("test-old body has " + parts.length + " parts, not 3");
      }
      try {
        return new ItemV1(parts[0], Long.parseLong(parts[1]), parts[2]);
      } catch (NumberFormatException e) {
        throw new CorruptPayloadException("test-old version is not a number: " + parts[1]);
      }
    }
  }

  /** Binary: u16-length UTF-8 id, i64 version, u16 count, then u16-length UTF-8 words. */
  static final class NewCodec implements Codec<ItemV2> {
    @Override
    public CodecDescriptor descriptor() {
      return NEW;
    }

    @Override
    public Class<ItemV2> valueType() {
      return ItemV2.class;
    }

    @Override
    public void encode(ItemV2 value, PayloadBuffer out, Limits limits) {
      ByteBuffer buffer = ByteBuffer.allocate(16 + 4 * value.id().length() + wordsSize(value));
      putString(buffer, value.id());
      buffer.putLong(value.version());
      buffer.putShort((short) value.words().size());
      for (String word : value.words()) {
        putString(buffer, word);
      }
      out.write(buffer.array(), 0, buffer.position());
    }

    private static int wordsSize(ItemV2 value) {
      int size = 0;
      for (String word : value.words()) {
        size += 2 + 4 * word.length();
      }
      return size;
    }

    private static void putString(ByteBuffer buffer, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      buffer.putShort((short) bytes.length);
      buffer.put(bytes);
    }

    @Override
    public ItemV2 decode(byte[] bytes, int offset, int length, Limits limits) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      String id = getString(buffer, limits);
      need(buffer, 10);
      long version = buffer.getLong();
      int count = Short.toUnsignedInt(buffer.getShort());
      limits.checkClaimedElements(count, buffer.remaining(), 2, "$.words");
      List<String> words = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        words.add(getString(buffer, limits));
      }
      if (buffer.hasRemaining()) {
        throw new CorruptPayloadException(
            "test-new body has " + buffer.remaining() + " bytes left over");
      }
      return new ItemV2(id, version, words);
    }

    private static String getString(ByteBuffer buffer, Limits limits) {
      need(buffer, 2);
      int size = Short.toUnsignedInt(buffer.getShort());
      limits.checkClaimedBytes(size, buffer.remaining(), "$");
      byte[] raw = new byte[size];
      buffer.get(raw);
      return new String(raw, StandardCharsets.UTF_8);
    }

    private static void need(ByteBuffer buffer, int bytes) {
      if (buffer.remaining() < bytes) {
        throw new CorruptPayloadException("test-new body is truncated");
      }
    }
  }
}
