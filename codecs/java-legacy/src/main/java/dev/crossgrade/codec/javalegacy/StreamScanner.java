package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Walks a Java serialization stream's grammar (Java Object Serialization Specification, chapter 6)
 * without loading or creating anything, before {@link FilteredObjectInputStream} reads it.
 *
 * <p>It proves the stream is one whole object with no bytes left over, bounds depth, references,
 * string and array lengths, and counts the value's <em>expanded size</em>: the objects it would
 * have if every back reference were copied out. {@code hashCode} and {@code equals} of nested
 * collections walk the expanded value, so a few hundred bytes of shared nested sets (SerialDOS) or
 * one big list referenced a million times as a set element would otherwise keep {@code
 * HashSet.readObject} busy for hours. No object filter can see this, because the filter is not told
 * which object a back reference points to.
 *
 * <p>Over 500 lines, on purpose: one method per production of the serialization grammar, sharing
 * the bounds and the expanded-size count.
 */
final class StreamScanner {
  private static final byte TC_NULL = 0x70;
  private static final byte TC_REFERENCE = 0x71;
  private static final byte TC_CLASSDESC = 0x72;
  private static final byte TC_OBJECT = 0x73;
  private static final byte TC_STRING = 0x74;
  private static final byte TC_ARRAY = 0x75;
  private static final byte TC_CLASS = 0x76;
  private static final byte TC_BLOCKDATA = 0x77;
  private static final byte TC_ENDBLOCKDATA = 0x78;
  private static final byte TC_RESET = 0x79;
  private static final byte TC_BLOCKDATALONG = 0x7A;
  private static final byte TC_EXCEPTION = 0x7B;
  private static final byte TC_LONGSTRING = 0x7C;
  private static final byte TC_PROXYCLASSDESC = 0x7D;
  private static final byte TC_ENUM = 0x7E;
  private static final int BASE_WIRE_HANDLE = 0x7E0000;

  private static final int SC_WRITE_METHOD = 0x01;
  private static final int SC_SERIALIZABLE = 0x02;
  private static final int SC_EXTERNALIZABLE = 0x04;
  private static final int SC_BLOCK_DATA = 0x08;
  private static final int SC_ENUM = 0x10;

  /** A handle's weight while its object is still being read (a cycle counts once). */
  private static final long IN_PROGRESS = -1;

  /** A handle that names a class descriptor, not a value. */
  private static final long DESCRIPTOR = -2;

  private final byte[] bytes;
  private final int start;
  private final int end;
  private final ReadBounds bounds;
  private final Limits stringLimits;
  private int pos;
  private int depth;
  private long references;
  private long expanded;
  private long[] weights = new long[16];
  private @Nullable Desc[] descs = new Desc[16];
  private int handleCount;

  private StreamScanner(byte[] bytes, int offset, int length, ReadBounds bounds) {
    this.bytes = bytes;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
    this.bounds = bounds;
    this.stringLimits = Limits.newBuilder().maxStringLength(bounds.maxStringLength()).build();
  }

  /**
   * Checks the stream at {@code bytes[offset, offset + length)}.
   *
   * @return the value's expanded size
   * @throws CorruptPayloadException if it is not exactly one well-formed object
   * @throws LimitExceededException if it is over one of the {@code bounds}
   */
  static long scan(byte[] bytes, int offset, int length, ReadBounds bounds) {
    StreamScanner scanner = new StreamScanner(bytes, offset, length, bounds);
    try {
      return scanner.scanStream();
    } catch (StackOverflowError e) {
      throw new LimitExceededException(
          "value is nested too deep for this thread's stack at byte %s; lower %s (now %s)"
              .formatted(scanner.offset(), bounds.maxDepthKnob(), bounds.maxDepth()),
          0,
          -1,
          e);
    }
  }

  private long scanStream() {
    if (end - start < 4
        || (bytes[start] & 0xFF) != 0xAC
        || (bytes[start + 1] & 0xFF) != 0xED
        || bytes[start + 2] != 0
        || bytes[start + 3] != 5) {
      throw corrupt(
          "not a Java serialization stream: it starts with %s, not ac ed 00 05"
              .formatted(hex(start, Math.min(end - start, 4))));
    }
    pos = start + 4;
    readContent();
    if (pos != end) {
      throw corrupt(
          """
          %s bytes are left over after the serialized object at byte %s (several objects, or \
          trailing garbage)"""
              .formatted((end - pos), offset()));
    }
    return expanded;
  }

  /** One object in a value position, as {@code ObjectInputStream.readObject0} reads it. */
  private void readContent() {
    while (peek() == TC_RESET) {
      if (depth > 0) {
        throw corrupt("stream reset inside an object at byte " + offset());
      }
      pos++;
      handleCount = 0;
    }
    depth++;
    references++;
    checkDepth();
    checkReferences();
    byte tc = peek();
    switch (tc) {
      case TC_NULL -> {
        pos++;
        count(1);
      }
      case TC_REFERENCE -> {
        long at = offset();
        int handle = readHandle();
        long weight = weights[handle];
        if (weight == DESCRIPTOR) {
          throw corrupt("back reference at byte " + at + " uses a class descriptor as a value");
        }
        count(weight >= 0 ? weight : 1);
      }
      case TC_CLASS -> {
        pos++;
        readClassDescriptor();
        assign(1);
        count(1);
      }
      case TC_CLASSDESC, TC_PROXYCLASSDESC ->
          throw corrupt("a bare class descriptor where a value should be, at byte " + offset());
      case TC_STRING, TC_LONGSTRING -> {
        readString();
        count(1);
      }
      case TC_ARRAY -> readArray();
      case TC_ENUM -> readEnum();
      case TC_OBJECT -> readOrdinaryObject();
      case TC_EXCEPTION ->
          throw corrupt("the writer aborted this stream (TC_EXCEPTION at byte " + offset() + ")");
      case TC_BLOCKDATA, TC_BLOCKDATALONG, TC_ENDBLOCKDATA ->
          throw corrupt("block data where an object should be, at byte " + offset());
      default ->
          throw corrupt(
              String.format(Locale.ROOT, "invalid type code %02x at byte %d", tc, offset()));
    }
    depth--;
  }

  private void readOrdinaryObject() {
    long at = offset();
    pos++;
    Desc desc = readClassDescriptor();
    if (desc == null) {
      throw corrupt("object at byte " + at + " has no class descriptor");
    }
    if (desc.isArray() || (desc.flags & SC_ENUM) != 0) {
      throw corrupt("object at byte " + at + " has the descriptor of " + desc.name);
    }
    long before = expanded;
    int handle = assign(IN_PROGRESS);
    count(1);
    if ((desc.flags & SC_EXTERNALIZABLE) != 0) {
      if ((desc.flags & SC_BLOCK_DATA) == 0) {
        throw corrupt(
            """
            externalizable %s at byte %s was written with the stream protocol version 1, which is \
            not supported"""
                .formatted(desc.name, at));
      }
      readAnnotation();
    } else {
      Desc[] chain = desc.hierarchy();
      for (int i = chain.length - 1; i >= 0; i--) {
        Desc level = chain[i];
        if ((level.flags & SC_SERIALIZABLE) != 0) {
          skip(level.primitiveBytes, "field values of " + level.name);
          for (int field = 0; field < level.objectFields; field++) {
            readContent();
          }
          if ((level.flags & SC_WRITE_METHOD) != 0) {
            readAnnotation();
          }
        }
      }
    }
    weights[handle] = expanded - before;
  }

  private void readArray() {
    long at = offset();
    pos++;
    Desc desc = readClassDescriptor();
    if (desc == null || !desc.isArray()) {
      throw corrupt(
          "array at byte %s has %s"
              .formatted(
                  at, (desc == null ? "no class descriptor" : "the descriptor of " + desc.name)));
    }
    int length = readInt();
    if (length < 0) {
      throw corrupt("array at byte " + at + " has the negative length " + length);
    }
    String what = "array " + desc.name;
    if (length > bounds.maxArrayLength()) {
      throw new LimitExceededException(bounds.arrayExceeded(what, length, at));
    }
    int elementSize = desc.elementSize();
    long needed = (long) length * Math.max(1, elementSize);
    if (needed > end - pos) {
      throw corrupt(
          "%s at byte %s claims %s elements but only %s bytes remain (truncated or forged length)"
              .formatted(what, at, length, (end - pos)));
    }
    long before = expanded;
    int handle = assign(IN_PROGRESS);
    count(1);
    if (elementSize > 0) {
      pos += (int) needed;
    } else {
      for (int i = 0; i < length; i++) {
        readContent();
      }
    }
    weights[handle] = expanded - before;
  }

  private void readEnum() {
    long at = offset();
    pos++;
    Desc desc = readClassDescriptor();
    if (desc == null || (desc.flags & SC_ENUM) == 0) {
      throw corrupt("enum constant at byte " + at + " has no enum class descriptor");
    }
    assign(1);
    byte tc = peek();
    if (tc != TC_STRING && tc != TC_LONGSTRING) {
      throw corrupt("enum constant at byte " + at + " has no name");
    }
    readString();
    count(1);
  }

  /** A string at the current position, which gets a handle. */
  private void readString() {
    long at = offset();
    byte tc = bytes[pos++];
    long length = tc == TC_STRING ? readUnsignedShort() : readLong();
    if (length < 0) {
      throw corrupt("string at byte " + at + " has the negative length " + length);
    }
    stringLimits.checkClaimedBytes(length, end - pos, "byte " + at);
    pos += (int) length;
    assign(1);
  }

  /** A class descriptor position: a new descriptor, a reference to one, or null. */
  private @Nullable Desc readClassDescriptor() {
    byte tc = peek();
    switch (tc) {
      case TC_NULL -> {
        pos++;
        return null;
      }
      case TC_REFERENCE -> {
        long at = offset();
        int handle = readHandle();
        Desc desc = descs[handle];
        if (desc == null || weights[handle] != DESCRIPTOR) {
          throw corrupt(
              "back reference at byte %s should name a complete class descriptor but does not"
                  .formatted(at));
        }
        return desc;
      }
      case TC_CLASSDESC -> {
        return readNonProxyDescriptor();
      }
      case TC_PROXYCLASSDESC -> throw proxy();
      default ->
          throw corrupt(
              String.format(
                  Locale.ROOT, "invalid class descriptor type code %02x at byte %d", tc, offset()));
    }
  }

  private Desc readNonProxyDescriptor() {
    long at = offset();
    pos++;
    String name = readUtf();
    skip(8, "serialVersionUID of " + name);
    int handle = assign(IN_PROGRESS);
    references++;
    checkReferences();
    int flags = readUnsignedByte();
    if ((flags & SC_SERIALIZABLE) != 0 && (flags & SC_EXTERNALIZABLE) != 0) {
      throw corrupt("class descriptor of " + name + " at byte " + at + " has conflicting flags");
    }
    int fieldCount = readShort();
    if (fieldCount < 0) {
      throw corrupt("class descriptor of " + name + " claims " + fieldCount + " fields");
    }
    int primitiveBytes = 0;
    int objectFields = 0;
    for (int i = 0; i < fieldCount; i++) {
      int code = readUnsignedByte();
      readUtf();
      int size = primitiveSize((char) code);
      if (size > 0) {
        if (objectFields > 0) {
          throw corrupt("class descriptor of " + name + " lists a primitive after an object field");
        }
        primitiveBytes += size;
      } else if (code == '[' || code == 'L') {
        objectFields++;
        readTypeString();
      } else {
        throw corrupt(
            String.format(
                Locale.ROOT, "class descriptor of %s has a field of type code %02x", name, code));
      }
    }
    readAnnotation();
    depth++;
    checkDepth();
    Desc parent = readClassDescriptor();
    depth--;
    Desc desc = new Desc(name, flags, primitiveBytes, objectFields, parent);
    descs[handle] = desc;
    weights[handle] = DESCRIPTOR;
    return desc;
  }

  /** A field's type name: a string or a reference to one. */
  private void readTypeString() {
    byte tc = peek();
    switch (tc) {
      case TC_STRING, TC_LONGSTRING -> readString();
      case TC_REFERENCE -> readHandle();
      case TC_NULL -> pos++;
      default ->
          throw corrupt(
              String.format(
                  Locale.ROOT, "invalid field type name code %02x at byte %d", tc, offset()));
    }
  }

  /** Custom data up to and including its end marker. */
  private void readAnnotation() {
    while (true) {
      byte tc = peek();
      switch (tc) {
        case TC_ENDBLOCKDATA -> {
          pos++;
          return;
        }
        case TC_BLOCKDATA -> {
          pos++;
          skip(readUnsignedByte(), "block data");
        }
        case TC_BLOCKDATALONG -> {
          pos++;
          int length = readInt();
          if (length < 0) {
            throw corrupt("block data at byte " + offset() + " has the negative length " + length);
          }
          skip(length, "block data");
        }
        default -> readContent();
      }
    }
  }

  private CorruptPayloadException proxy() {
    long at = offset();
    pos++;
    int count = readInt();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < count && i < 8 && pos < end; i++) {
      names.append(i == 0 ? "" : ", ").append(readUtf());
    }
    return corrupt(
        """
        the stream holds a dynamic proxy class implementing %s at byte %s; \
        JavaSerializationReader never allows proxies"""
            .formatted(names, at));
  }

  private int readHandle() {
    long at = offset();
    pos++;
    int handle = readInt() - BASE_WIRE_HANDLE;
    if (handle < 0 || handle >= handleCount) {
      throw corrupt("back reference at byte " + at + " names an unknown object");
    }
    return handle;
  }

  private int assign(long weight) {
    if (handleCount == weights.length) {
      int grown = weights.length * 2;
      weights = Arrays.copyOf(weights, grown);
      descs = Arrays.copyOf(descs, grown);
    }
    weights[handleCount] = weight;
    descs[handleCount] = null;
    return handleCount++;
  }

  private void count(long weight) {
    expanded = expanded > Long.MAX_VALUE - weight ? Long.MAX_VALUE : expanded + weight;
    if (expanded > bounds.maxExpandedSize()) {
      throw new LimitExceededException(bounds.expandedExceeded(offset()));
    }
  }

  private void checkDepth() {
    if (depth > bounds.maxDepth()) {
      throw new LimitExceededException(bounds.depthExceeded(depth, offset()));
    }
  }

  private void checkReferences() {
    if (references > bounds.maxReferences()) {
      throw new LimitExceededException(bounds.referencesExceeded(references, offset()));
    }
  }

  private static int primitiveSize(char code) {
    return switch (code) {
      case 'B', 'Z' -> 1;
      case 'C', 'S' -> 2;
      case 'I', 'F' -> 4;
      case 'J', 'D' -> 8;
      default -> 0;
    };
  }

  private String readUtf() {
    int length = readUnsignedShort();
    require(length, "a name");
    String text = new String(bytes, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return text;
  }

  private byte peek() {
    require(1, "a type code");
    return bytes[pos];
  }

  private int readUnsignedByte() {
    require(1, "a byte");
    return bytes[pos++] & 0xFF;
  }

  private int readUnsignedShort() {
    require(2, "a length");
    int value = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  private int readShort() {
    return (short) readUnsignedShort();
  }

  private int readInt() {
    require(4, "an int");
    int value =
        ((bytes[pos] & 0xFF) << 24)
            | ((bytes[pos + 1] & 0xFF) << 16)
            | ((bytes[pos + 2] & 0xFF) << 8)
            | (bytes[pos + 3] & 0xFF);
    pos += 4;
    return value;
  }

  private long readLong() {
    long high = readInt() & 0xFFFFFFFFL;
    long low = readInt() & 0xFFFFFFFFL;
    return (high << 32) | low;
  }

  private void skip(long length, String what) {
    require(length, what);
    pos += (int) length;
  }

  private void require(long length, String what) {
    if (length > end - pos) {
      throw corrupt(
          "stream ends at byte %s inside %s that needs %s bytes from byte %s (truncated)"
              .formatted((end - start), what, length, offset()));
    }
  }

  private long offset() {
    return pos - start;
  }

  private String hex(int from, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(i == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "%02x", bytes[from + i] & 0xFF));
    }
    return length == 0 ? "nothing" : text.toString();
  }

  private static CorruptPayloadException corrupt(String reason) {
    return new CorruptPayloadException(reason);
  }

  /** A class descriptor as the stream states it. */
  private static final class Desc {
    final String name;
    final int flags;
    final int primitiveBytes;
    final int objectFields;
    final @Nullable Desc parent;
    private Desc @Nullable [] hierarchy;

    Desc(String name, int flags, int primitiveBytes, int objectFields, @Nullable Desc parent) {
      this.name = name;
      this.flags = flags;
      this.primitiveBytes = primitiveBytes;
      this.objectFields = objectFields;
      this.parent = parent;
    }

    boolean isArray() {
      return name.startsWith("[");
    }

    /** Bytes per element of a one-dimensional primitive array, or 0 for arrays of objects. */
    int elementSize() {
      return name.length() == 2 ? primitiveSize(name.charAt(1)) : 0;
    }

    /** This class and its serializable superclasses, most derived first. */
    Desc[] hierarchy() {
      Desc[] known = hierarchy;
      if (known != null) {
        return known;
      }
      int count = 0;
      for (Desc level = this; level != null; level = level.parent) {
        count++;
      }
      Desc[] chain = new Desc[count];
      int i = 0;
      for (Desc level = this; level != null; level = level.parent) {
        chain[i++] = level;
      }
      hierarchy = chain;
      return chain;
    }
  }
}
