package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A generator that refuses to write what the reading side would refuse to read: strings, keys and
 * Base64 text over {@link Limits#maxStringLength()}, collections over {@link
 * Limits#maxCollectionSize()}, nesting over {@link Limits#maxDepth()} and number tokens over {@link
 * JsonFactories#MAX_NUMBER_LENGTH}, so a value too large for the cache fails when it is written,
 * not when it is read.
 */
final class LimitingGenerator extends JsonGeneratorDelegate {
  private final Limits limits;

  LimitingGenerator(JsonGenerator generator, Limits limits) {
    super(generator, false);
    this.limits = limits;
  }

  private String path() {
    return JsonPath.of(delegate.getOutputContext());
  }

  private void checkString(long length) {
    if (length > limits.maxStringLength()) {
      limits.checkStringLength(length, path());
    }
  }

  private void checkName(String name) {
    if (name.length() > limits.maxStringLength()) {
      StringBuilder path = new StringBuilder(path());
      JsonPath.appendKey(path, name);
      limits.checkStringLength(name.length(), "the key of " + path);
    }
  }

  private void checkNumber(String token) {
    if (token.length() > JsonFactories.MAX_NUMBER_LENGTH) {
      throw new LimitExceededException(
          """
          number of %s characters at %s is over the limit of %s (fixed, as Jackson's \
          StreamReadConstraints.maxNumberLength)"""
              .formatted(token.length(), path(), JsonFactories.MAX_NUMBER_LENGTH));
    }
  }

  private void checkOpen(int size) {
    // the context's nesting depth counts the container being opened only after it is written
    int depth = delegate.getOutputContext().getNestingDepth() + 1;
    if (depth > limits.maxDepth()) {
      limits.checkDepth(depth, path());
    }
    if (size > limits.maxCollectionSize()) {
      limits.checkCollectionSize(size, path());
    }
  }

  private void checkClose() {
    int entries = delegate.getOutputContext().getEntryCount();
    if (entries > limits.maxCollectionSize()) {
      limits.checkCollectionSize(entries, path());
    }
  }

  @Override
  public void writeStartArray() throws IOException {
    checkOpen(0);
    super.writeStartArray();
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    checkOpen(0);
    super.writeStartArray(forValue);
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    checkOpen(size);
    super.writeStartArray(forValue, size);
  }

  @Override
  @Deprecated // overridden because a caller may still use it
  public void writeStartArray(int size) throws IOException {
    checkOpen(size);
    super.writeStartArray(size);
  }

  @Override
  public void writeEndArray() throws IOException {
    checkClose();
    super.writeEndArray();
  }

  @Override
  public void writeStartObject() throws IOException {
    checkOpen(0);
    super.writeStartObject();
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    checkOpen(0);
    super.writeStartObject(forValue);
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    checkOpen(size);
    super.writeStartObject(forValue, size);
  }

  @Override
  public void writeEndObject() throws IOException {
    checkClose();
    super.writeEndObject();
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    checkName(name);
    super.writeFieldName(name);
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    checkName(name.getValue());
    super.writeFieldName(name);
  }

  @Override
  public void writeString(String text) throws IOException {
    if (text != null) {
      checkString(text.length());
    }
    super.writeString(text);
  }

  @Override
  public void writeString(char[] text, int offset, int length) throws IOException {
    checkString(length);
    super.writeString(text, offset, length);
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    checkString(text.charLength());
    super.writeString(text);
  }

  @Override
  public void writeString(Reader reader, int length) throws IOException {
    checkString(length);
    super.writeString(reader, length);
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    checkString(length);
    super.writeRawUTF8String(text, offset, length);
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    checkString(length);
    super.writeUTF8String(text, offset, length);
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int length)
      throws IOException {
    checkString(4L * ((length + 2L) / 3));
    super.writeBinary(variant, data, offset, length);
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int length) throws IOException {
    checkString(4L * ((length + 2L) / 3));
    return super.writeBinary(variant, data, length);
  }

  @Override
  public void writeNumber(BigInteger value) throws IOException {
    if (value != null) {
      checkNumber(value.toString());
    }
    super.writeNumber(value);
  }

  @Override
  public void writeNumber(BigDecimal value) throws IOException {
    if (value != null) {
      checkNumber(value.toString());
    }
    super.writeNumber(value);
  }

  @Override
  public void writeNumber(String encodedValue) throws IOException {
    if (encodedValue != null) {
      checkNumber(encodedValue);
    }
    super.writeNumber(encodedValue);
  }
}
