package dev.crossgrade.codec.javalegacy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** Writes, crafts and edits Java serialization streams for tests, with the real JDK writer. */
final class Streams {
  private Streams() {}

  /** {@code value} as {@link ObjectOutputStream} writes it. */
  static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** {@code data} gzip-compressed, as spymemcached compresses. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A stream with {@code from}'s class descriptor renamed to {@code to}. */
  static byte[] renameClass(byte[] stream, String from, String to) {
    byte[] needle = utf(from);
    int at = indexOf(stream, needle, 0);
    if (at < 0) {
      throw new IllegalArgumentException(from + " is not in the stream");
    }
    byte[] replacement = utf(to);
    byte[] result = new byte[stream.length - needle.length + replacement.length];
    System.arraycopy(stream, 0, result, 0, at);
    System.arraycopy(replacement, 0, result, at, replacement.length);
    System.arraycopy(
        stream,
        at + needle.length,
        result,
        at + replacement.length,
        stream.length - at - needle.length);
    return result;
  }

  /** A stream with the serialVersionUID of {@code className}'s descriptor replaced. */
  static byte[] withSerialVersionUid(byte[] stream, String className, long uid) {
    byte[] needle = utf(className);
    int at = indexOf(stream, needle, 0);
    if (at < 0) {
      throw new IllegalArgumentException(className + " is not in the stream");
    }
    byte[] result = stream.clone();
    int suid = at + needle.length;
    for (int i = 0; i < 8; i++) {
      result[suid + i] = (byte) (uid >>> (56 - 8 * i));
    }
    return result;
  }

  /** A copy with the int at {@code at} replaced. */
  static byte[] withInt(byte[] stream, int at, int value) {
    byte[] result = stream.clone();
    result[at] = (byte) (value >>> 24);
    result[at + 1] = (byte) (value >>> 16);
    result[at + 2] = (byte) (value >>> 8);
    result[at + 3] = (byte) value;
    return result;
  }

  /** The first index of {@code needle} in {@code haystack} at or after {@code from}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  private static byte[] utf(String ascii) {
    byte[] text = ascii.getBytes(StandardCharsets.UTF_8);
    byte[] result = new byte[text.length + 2];
    result[0] = (byte) (text.length >>> 8);
    result[1] = (byte) text.length;
    System.arraycopy(text, 0, result, 2, text.length);
    return result;
  }

  static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format(Locale.ROOT, "%02x", b & 0xFF));
    }
    return text.toString();
  }

  /**
   * A hand-written stream (Java Object Serialization Specification, section 6.4) of a primitive
   * array of {@code arrayClass} ({@code "[J"}, ...) claiming {@code length} elements and carrying
   * {@code dataBytes} bytes of them.
   */
  static byte[] primitiveArray(Class<?> arrayClass, int length, int dataBytes) {
    return write(
        out -> {
          out.writeByte(0x75); // TC_ARRAY
          out.writeByte(0x72); // TC_CLASSDESC
          out.writeUTF(arrayClass.getName());
          out.writeLong(ObjectStreamClass.lookup(arrayClass).getSerialVersionUID());
          out.writeByte(0x02); // SC_SERIALIZABLE
          out.writeShort(0); // no fields
          out.writeByte(0x78); // TC_ENDBLOCKDATA: no class annotation
          out.writeByte(0x70); // TC_NULL: no superclass
          out.writeInt(length);
          for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i);
          }
        });
  }

  /**
   * A hand-written stream of {@code depth} ArrayLists, each holding the next, the innermost holding
   * null; later levels refer back to the first one's class descriptor (handle 0x7e0000).
   */
  static byte[] nestedArrayLists(int depth) {
    return write(
        out -> {
          out.writeByte(0x73); // TC_OBJECT
          out.writeByte(0x72); // TC_CLASSDESC
          out.writeUTF("java.util.ArrayList");
          out.writeLong(ObjectStreamClass.lookup(ArrayList.class).getSerialVersionUID());
          out.writeByte(0x03); // SC_SERIALIZABLE | SC_WRITE_METHOD
          out.writeShort(1);
          out.writeByte('I');
          out.writeUTF("size");
          out.writeByte(0x78);
          out.writeByte(0x70);
          listBody(out);
          for (int level = 1; level < depth; level++) {
            out.writeByte(0x73); // TC_OBJECT
            out.writeByte(0x71); // TC_REFERENCE
            out.writeInt(0x7E0000); // the ArrayList class descriptor
            listBody(out);
          }
          out.writeByte(0x70); // the innermost element: null
          for (int level = 0; level < depth; level++) {
            out.writeByte(0x78); // TC_ENDBLOCKDATA closing each list's writeObject data
          }
        });
  }

  private static void listBody(DataOutputStream out) throws IOException {
    out.writeInt(1); // the size field
    out.writeByte(0x77); // TC_BLOCKDATA
    out.writeByte(4);
    out.writeInt(1); // ArrayList.writeObject's capacity
  }

  /** A hand-written stream of one string claiming {@code length} bytes (TC_LONGSTRING). */
  static byte[] longString(long length, int dataBytes) {
    return write(
        out -> {
          out.writeByte(0x7C);
          out.writeLong(length);
          for (int i = 0; i < dataBytes; i++) {
            out.writeByte('a');
          }
        });
  }

  /**
   * Wouter Coekaerts' SerialDOS: {@code levels} levels of two HashSets that both hold the next
   * level's two sets, so that hashing the root walks 2^levels sets. Built so that nothing is hashed
   * while building it.
   */
  static Set<Object> serialDos(int levels) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < levels; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  /**
   * A HashSet holding one list that holds the same list twice, {@code levels} deep, so that hashing
   * the element walks 2^levels lists. The list is filled after it was added to the set.
   */
  static Set<Object> sharedListBomb(int levels) {
    Set<Object> set = new HashSet<>();
    List<Object> top = new ArrayList<>();
    set.add(top);
    List<Object> current = top;
    for (int i = 0; i < levels; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current.add(next);
      current = next;
    }
    current.add("leaf");
    return set;
  }

  /** Bytes allocated by the current thread while running {@code action}. */
  static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(0xACED);
      out.writeShort(5);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
