package dev.crossgrade.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** A codec for tests: a value as strict UTF-8 text. */
final class TextCodec<T> implements Codec<T> {
  static final CodecDescriptor TEXT_V1 = CodecDescriptor.of(0x80, "test-text", "test-text", 1);
  static final CodecDescriptor TEXT_V2 = CodecDescriptor.of(0x81, "test-text2", "test-text", 2);

  private final CodecDescriptor descriptor;
  private final Class<T> type;
  private final Function<T, String> toText;
  private final Function<String, T> fromText;

  TextCodec(
      CodecDescriptor descriptor,
      Class<T> type,
      Function<T, String> toText,
      Function<String, T> fromText) {
    this.descriptor = descriptor;
    this.type = type;
    this.toText = toText;
    this.fromText = fromText;
  }

  static TextCodec<String> strings(CodecDescriptor descriptor) {
    return new TextCodec<>(descriptor, String.class, s -> s, s -> s);
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
    String text = toText.apply(value);
    limits.checkStringLength(text.length(), "$");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    limits.checkClaimedBytes(length, length, "$");
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, length))
              .toString();
      return fromText.apply(text);
    } catch (CharacterCodingException e) {
      throw new CorruptPayloadException("body is not UTF-8: " + e);
    }
  }
}
