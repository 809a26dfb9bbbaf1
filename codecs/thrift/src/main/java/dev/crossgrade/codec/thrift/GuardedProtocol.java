package dev.crossgrade.codec.thrift;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.UnencodableValueException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.apache.thrift.transport.TTransport;
import org.jspecify.annotations.Nullable;

/**
 * A Thrift protocol that enforces {@link Limits} around a compact or binary protocol: it reads each
 * container and string length header itself and checks it against the limits and the bytes that
 * remain before the generated code can allocate anything for it, bounds the nesting depth (also of
 * unknown fields being skipped), reads strings as strict UTF-8, copies binary values out of the
 * input and keeps the {@link ValuePath} that messages name. One instance serves one value.
 *
 * <p>Over 500 lines, on purpose: it overrides every read of {@code TProtocol} that can allocate or
 * nest, each with its own bound.
 */
final class GuardedProtocol extends TProtocolDecorator {
  private static final byte COMPACT_DOUBLE = 7;
  private static final byte COMPACT_UUID = 13;

  private final ThriftProtocol wire;
  private final @Nullable TMemoryInputTransport input;
  private final Limits limits;
  private final ValuePath path;
  private @Nullable CharsetDecoder utf8;

  /** The claim and layout of the length header read by the last {@code peek...} call. */
  private long claimed;

  private int headerBytes;
  private int minBytesPerElement;

  private GuardedProtocol(
      TProtocol concrete,
      ThriftProtocol wire,
      @Nullable TMemoryInputTransport input,
      Limits limits,
      ValuePath path) {
    super(concrete);
    this.wire = wire;
    this.input = input;
    this.limits = limits;
    this.path = path;
  }

  /** A protocol that reads one value from {@code input}. */
  static GuardedProtocol reading(
      ThriftProtocol wire, TMemoryInputTransport input, Limits limits, ValuePath path) {
    return new GuardedProtocol(concrete(wire, input, limits), wire, input, limits, path);
  }

  /** A protocol that writes one value to {@code output}. */
  static GuardedProtocol writing(
      ThriftProtocol wire, TTransport output, Limits limits, ValuePath path) {
    return new GuardedProtocol(concrete(wire, output, limits), wire, null, limits, path);
  }

  private static TProtocol concrete(ThriftProtocol wire, TTransport transport, Limits limits) {
    // The library's own limits stay on as a second line of defence; ours are checked first.
    long strings = limits.maxStringLength();
    long containers = limits.maxCollectionSize();
    return switch (wire) {
      case COMPACT -> new TCompactProtocol(transport, strings, containers);
      case BINARY -> new TBinaryProtocol(transport, strings, containers, false, true);
    };
  }

  // ---------------------------------------------------------------------------------- reading

  @Override
  public TStruct readStructBegin() throws TException {
    path.beginValue();
    enter(ValuePath.STRUCT);
    return super.readStructBegin();
  }

  @Override
  public void readStructEnd() throws TException {
    super.readStructEnd();
    path.pop();
  }

  @Override
  public TField readFieldBegin() throws TException {
    TField field = super.readFieldBegin();
    if (field.type == TType.STOP) {
      path.endOfFields();
    } else {
      path.field(field.id);
    }
    return field;
  }

  @Override
  public TList readListBegin() throws TException {
    path.beginValue();
    return readContainer(peekListOrSet(), ValuePath.LIST, super::readListBegin);
  }

  @Override
  public void readListEnd() throws TException {
    super.readListEnd();
    path.pop();
  }

  @Override
  public TSet readSetBegin() throws TException {
    path.beginValue();
    return readContainer(peekListOrSet(), ValuePath.SET, super::readSetBegin);
  }

  @Override
  public void readSetEnd() throws TException {
    super.readSetEnd();
    path.pop();
  }

  @Override
  public TMap readMapBegin() throws TException {
    path.beginValue();
    return readContainer(peekMap(), ValuePath.MAP, super::readMapBegin);
  }

  @Override
  public void readMapEnd() throws TException {
    super.readMapEnd();
    path.pop();
  }

  @Override
  public boolean readBool() throws TException {
    path.beginValue();
    return super.readBool();
  }

  @Override
  public byte readByte() throws TException {
    path.beginValue();
    return super.readByte();
  }

  @Override
  public short readI16() throws TException {
    path.beginValue();
    return super.readI16();
  }

  @Override
  public int readI32() throws TException {
    path.beginValue();
    return super.readI32();
  }

  @Override
  public long readI64() throws TException {
    path.beginValue();
    return super.readI64();
  }

  @Override
  public double readDouble() throws TException {
    path.beginValue();
    return super.readDouble();
  }

  @Override
  public UUID readUuid() throws TException {
    path.beginValue();
    return super.readUuid();
  }

  @Override
  public String readString() throws TException {
    return decodeUtf8(readBytes());
  }

  @Override
  public ByteBuffer readBinary() throws TException {
    ByteBuffer bytes = readBytes();
    // The library may hand out a view of the input array; a decoded value must not alias it.
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return ByteBuffer.wrap(copy);
  }

  /** Reads a container header with {@code header} once its claim, if peeked, is checked. */
  private <H> H readContainer(boolean peeked, byte kind, Header<H> header) throws TException {
    if (peeked) {
      checkElements();
    }
    H begin = header.read();
    enter(kind);
    return begin;
  }

  /** Reads the bytes of a string or binary value once their claimed length is checked. */
  private ByteBuffer readBytes() throws TException {
    path.beginValue();
    if (peekLength()) {
      checkBytes();
    }
    return super.readBinary();
  }

  /** One of the concrete protocol's container header reads. */
  @FunctionalInterface
  private interface Header<H> {
    H read() throws TException;
  }

  private void enter(byte kind) {
    int depth = path.push(kind);
    if (depth > limits.maxDepth()) {
      limits.checkDepth(depth, path.toString());
    }
  }

  private void checkElements() {
    long remaining = remainingAfterHeader();
    if (claimed < 0
        || claimed > limits.maxCollectionSize()
        || claimed > remaining / minBytesPerElement) {
      limits.checkClaimedElements(claimed, remaining, minBytesPerElement, path.toString());
    }
  }

  private void checkBytes() {
    long remaining = remainingAfterHeader();
    if (claimed < 0 || claimed > limits.maxStringLength() || claimed > remaining) {
      limits.checkClaimedBytes(claimed, remaining, path.toString());
    }
  }

  private long remainingAfterHeader() {
    return input().getBytesRemainingInBuffer() - (long) headerBytes;
  }

  private TMemoryInputTransport input() {
    TMemoryInputTransport in = input;
    if (in == null) {
      throw new IllegalStateException("this protocol writes; it cannot read");
    }
    return in;
  }

  private String decodeUtf8(ByteBuffer bytes) {
    if (isAscii(bytes)) {
      return new String(
          bytes.array(),
          bytes.arrayOffset() + bytes.position(),
          bytes.remaining(),
          StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder = utf8;
    if (decoder == null) {
      decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      utf8 = decoder;
    }
    try {
      CharBuffer chars = decoder.reset().decode(bytes.duplicate());
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new CorruptPayloadException(
          "string at " + path + " is not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  private static boolean isAscii(ByteBuffer bytes) {
    if (!bytes.hasArray()) {
      return false;
    }
    byte[] array = bytes.array();
    int end = bytes.arrayOffset() + bytes.limit();
    for (int i = bytes.arrayOffset() + bytes.position(); i < end; i++) {
      if (array[i] < 0) {
        return false;
      }
    }
    return true;
  }

  // ----------------------------------------------------------------------- peeking at headers

  /** Reads a list or set header without consuming it; false if too few bytes remain for it. */
  private boolean peekListOrSet() {
    TMemoryInputTransport in = input();
    byte[] buffer = in.getBuffer();
    int position = in.getBufferPosition();
    int available = in.getBytesRemainingInBuffer();
    if (wire == ThriftProtocol.BINARY) {
      if (available < 5) {
        return false;
      }
      minBytesPerElement = binaryMinBytes(buffer[position]);
      claimed = bigEndianInt(buffer, position + 1);
      headerBytes = 5;
      return true;
    }
    if (available < 1) {
      return false;
    }
    int header = buffer[position] & 0xff;
    minBytesPerElement = compactMinBytes((byte) (header & 0x0f));
    if (header >>> 4 != 15) {
      claimed = header >>> 4;
      headerBytes = 1;
      return true;
    }
    return peekVarint(buffer, position + 1, available - 1, 1);
  }

  /** Reads a map header without consuming it; false if too few bytes remain for it. */
  private boolean peekMap() {
    TMemoryInputTransport in = input();
    byte[] buffer = in.getBuffer();
    int position = in.getBufferPosition();
    int available = in.getBytesRemainingInBuffer();
    if (wire == ThriftProtocol.BINARY) {
      if (available < 6) {
        return false;
      }
      minBytesPerElement = binaryMinBytes(buffer[position]) + binaryMinBytes(buffer[position + 1]);
      claimed = bigEndianInt(buffer, position + 2);
      headerBytes = 6;
      return true;
    }
    if (!peekVarint(buffer, position, available, 0)) {
      return false;
    }
    if (claimed == 0) {
      minBytesPerElement = 1;
      return true;
    }
    if (available < headerBytes + 1) {
      return false;
    }
    int types = buffer[position + headerBytes] & 0xff;
    headerBytes++;
    minBytesPerElement =
        compactMinBytes((byte) (types >>> 4)) + compactMinBytes((byte) (types & 0x0f));
    return true;
  }

  /** Reads a string or binary length header without consuming it. */
  private boolean peekLength() {
    TMemoryInputTransport in = input();
    byte[] buffer = in.getBuffer();
    int position = in.getBufferPosition();
    int available = in.getBytesRemainingInBuffer();
    if (wire == ThriftProtocol.BINARY) {
      if (available < 4) {
        return false;
      }
      claimed = bigEndianInt(buffer, position);
      headerBytes = 4;
      return true;
    }
    return peekVarint(buffer, position, available, 0);
  }

  /**
   * Reads an unsigned 32-bit varint (what the compact protocol's readVarint32 reads) at {@code
   * position} into {@link #claimed}, with {@code before} header bytes ahead of it.
   */
  private boolean peekVarint(byte[] buffer, int position, int available, int before) {
    int value = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= available) {
        return false;
      }
      int b = buffer[position + i];
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        claimed = value;
        headerBytes = before + i + 1;
        return true;
      }
    }
    throw new CorruptPayloadException(
        "length at " + path + " is a varint longer than 5 bytes (malformed header)");
  }

  private static int bigEndianInt(byte[] buffer, int at) {
    return (buffer[at] & 0xff) << 24
        | (buffer[at + 1] & 0xff) << 16
        | (buffer[at + 2] & 0xff) << 8
        | (buffer[at + 3] & 0xff);
  }

  /** The fewest bytes a binary-protocol value of {@code type} takes; at least 1. */
  private static int binaryMinBytes(byte type) {
    return switch (type) {
      case TType.I16 -> 2;
      case TType.I32, TType.STRING, TType.MAP -> 4;
      case TType.SET, TType.LIST -> 5;
      case TType.I64, TType.DOUBLE -> 8;
      case TType.UUID -> 16;
      default -> 1;
    };
  }

  /** The fewest bytes a compact-protocol value of compact {@code type} takes; at least 1. */
  private static int compactMinBytes(byte type) {
    return switch (type) {
      case COMPACT_DOUBLE -> 8;
      case COMPACT_UUID -> 16;
      default -> 1;
    };
  }

  // ---------------------------------------------------------------------------------- writing

  @Override
  public void writeStructBegin(TStruct struct) throws TException {
    path.beginValue();
    enter(ValuePath.STRUCT);
    super.writeStructBegin(struct);
  }

  @Override
  public void writeStructEnd() throws TException {
    super.writeStructEnd();
    path.pop();
  }

  @Override
  public void writeFieldBegin(TField field) throws TException {
    path.field(field.id);
    super.writeFieldBegin(field);
  }

  @Override
  public void writeFieldStop() throws TException {
    path.endOfFields();
    super.writeFieldStop();
  }

  @Override
  public void writeListBegin(TList list) throws TException {
    writeContainer(list.size, ValuePath.LIST);
    super.writeListBegin(list);
  }

  @Override
  public void writeListEnd() throws TException {
    super.writeListEnd();
    path.pop();
  }

  @Override
  public void writeSetBegin(TSet set) throws TException {
    writeContainer(set.size, ValuePath.SET);
    super.writeSetBegin(set);
  }

  @Override
  public void writeSetEnd() throws TException {
    super.writeSetEnd();
    path.pop();
  }

  @Override
  public void writeMapBegin(TMap map) throws TException {
    writeContainer(map.size, ValuePath.MAP);
    super.writeMapBegin(map);
  }

  @Override
  public void writeMapEnd() throws TException {
    super.writeMapEnd();
    path.pop();
  }

  @Override
  public void writeBool(boolean b) throws TException {
    path.beginValue();
    super.writeBool(b);
  }

  @Override
  public void writeByte(byte b) throws TException {
    path.beginValue();
    super.writeByte(b);
  }

  @Override
  public void writeI16(short i16) throws TException {
    path.beginValue();
    super.writeI16(i16);
  }

  @Override
  public void writeI32(int i32) throws TException {
    path.beginValue();
    super.writeI32(i32);
  }

  @Override
  public void writeI64(long i64) throws TException {
    path.beginValue();
    super.writeI64(i64);
  }

  @Override
  public void writeDouble(double dub) throws TException {
    path.beginValue();
    super.writeDouble(dub);
  }

  @Override
  public void writeUuid(UUID uuid) throws TException {
    path.beginValue();
    super.writeUuid(uuid);
  }

  @Override
  public void writeString(String str) throws TException {
    path.beginValue();
    long length = utf8Length(str);
    if (length > limits.maxStringLength()) {
      limits.checkStringLength(length, path.toString());
    }
    // Same bytes on the wire as writeString, without encoding the string a second time.
    super.writeBinary(ByteBuffer.wrap(str.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void writeBinary(ByteBuffer bin) throws TException {
    path.beginValue();
    if (bin.remaining() > limits.maxStringLength()) {
      limits.checkStringLength(bin.remaining(), path.toString());
    }
    super.writeBinary(bin);
  }

  /** Enters a container about to be written, once its size is checked. */
  private void writeContainer(int size, byte kind) {
    path.beginValue();
    checkSize(size);
    enter(kind);
  }

  private void checkSize(int size) {
    if (size < 0 || size > limits.maxCollectionSize()) {
      limits.checkCollectionSize(size, path.toString());
    }
  }

  /** The UTF-8 length of {@code s}; rejects a lone surrogate, which UTF-8 cannot represent. */
  private long utf8Length(String s) {
    long length = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new UnencodableValueException(
            String.format(
                Locale.ROOT,
                "string at %s has a lone surrogate U+%04X at index %d, which UTF-8 cannot encode",
                path,
                (int) c,
                i));
      } else {
        length += 3;
      }
    }
    return length;
  }

  @Override
  public String toString() {
    return "GuardedProtocol[" + wire + " at " + path + "]";
  }
}
