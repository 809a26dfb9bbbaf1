package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes the RFC 8785 form of JSON text while {@link StrictJsonParser} reads it, without building a
 * value: strings without escapes are copied as they are (the parser checked them, and RFC 8785
 * writes them so), numbers of up to 15 significant digits are laid out from their own digits,
 * others go through {@link EcmaScriptNumbers}. Each object is written in document order; when it
 * ends, if its keys are not in UTF-16 order, its members are moved into that order in place.
 *
 * <p>Over 500 lines, on purpose: the sink of every parser event with the in-place member sort they
 * share; number formatting is {@link EcmaScriptNumbers}.
 */
final class TextCanonicalizer implements StrictJsonParser.Sink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The most significant digits a decimal can have and be its double's shortest form. */
  private static final int SHORTEST_DIGITS = 15;

  /** Objects up to this size look for a duplicate key by comparing with every key. */
  private static final int LINEAR_KEY_SEARCH = 16;

  // The members of the open objects, MEMBER ints each: where the key's text starts and ends (in
  // the output, without the quotes), where the value ends, the key's hash (in objects with a key
  // table), whether it has escapes; and in prefixes, the key's first 8 bytes in UTF-16 order.
  private static final int MEMBER = 5;
  private static final int KEY_FROM = 0;
  private static final int KEY_TO = 1;
  private static final int VALUE_TO = 2;
  private static final int HASH = 3;
  private static final int ESCAPED = 4;

  /** The longest buffer kept from one text for the next, in bytes. */
  private static final int RETAINED_BUFFER = 64 * 1024;

  private static final ThreadLocal<TextCanonicalizer> PER_THREAD =
      ThreadLocal.withInitial(TextCanonicalizer::new);

  private final StrictJsonParser parser = new StrictJsonParser();
  private long limit;
  private byte[] out = new byte[256];
  private int size;
  // The bytes the content may take before the buffer must grow or the limit is reached.
  private int room;

  // Per open container, innermost at depth - 1: whether it is an object, how many members or
  // elements it has, the index of its first member in members, whether its keys are out of order,
  // and its key table once it is too large for a linear search.
  private boolean[] objects = new boolean[8];
  private int[] counts = new int[8];
  private int[] firstMember = new int[8];
  private boolean[] unsorted = new boolean[8];
  private int[] @Nullable [] keyTables = new int[8][];
  private int depth;
  private int[] members = new int[MEMBER * 16];
  private long[] prefixes = new long[16];
  private int memberCount;

  private byte[] scratch = new byte[0];
  private int[] order = new int[16];
  private int[] orderScratch = new int[16];
  private final byte[] digits = new byte[SHORTEST_DIGITS];
  private final byte[] number = new byte[EcmaScriptNumbers.MAX_LENGTH];

  private TextCanonicalizer() {}

  /**
   * The canonical form of the JSON text in {@code bytes[offset, offset + length)}. Each thread
   * reuses its buffers from one text to the next, within {@link #RETAINED_BUFFER} bytes each.
   *
   * @throws dev.crossgrade.codec.CorruptPayloadException if the text cannot be canonicalized
   * @throws LimitExceededException if the text or its canonical form is over the limits
   */
  static byte[] canonicalize(byte[] bytes, int offset, int length, Limits limits) {
    return PER_THREAD.get().run(bytes, offset, length, limits);
  }

  private byte[] run(byte[] bytes, int offset, int length, Limits limits) {
    limit = limits.maxPayloadSize();
    size = 0;
    depth = 0;
    memberCount = 0;
    long capacity = Math.min(length + 16L, Math.max(limit, 16));
    if (out.length < capacity) {
      out = new byte[(int) capacity];
    }
    room = (int) Math.min(out.length, limit);
    try {
      parser.read(bytes, offset, length, limits, this);
      return Arrays.copyOf(out, size);
    } catch (CanonicalFormTooLarge e) {
      // numbers can grow (1E30 becomes 1e+30): the canonical form may not fit where the text did
      throw new LimitExceededException("1:1: the canonical form: " + e.getCause().reason());
    } finally {
      if (depth > 0) {
        Arrays.fill(keyTables, null); // a failed text: endObject cleared none of its tables
      }
      if (out.length > RETAINED_BUFFER) {
        out = new byte[256];
      }
      if (scratch.length > RETAINED_BUFFER) {
        scratch = new byte[0];
      }
      if (members.length > RETAINED_BUFFER / 4) {
        members = new int[MEMBER * 16];
        prefixes = new long[16];
      }
      if (order.length > RETAINED_BUFFER / 4) {
        order = new int[16];
        orderScratch = new int[16];
      }
      if (objects.length > RETAINED_BUFFER / 4) {
        objects = new boolean[8];
        counts = new int[8];
        firstMember = new int[8];
        unsorted = new boolean[8];
        keyTables = new int[8][];
      }
    }
  }

  /** The canonical form outgrew the payload limit; not a failure of the text at a position. */
  private static final class CanonicalFormTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CanonicalFormTooLarge(LimitExceededException cause) {
      super(null, cause, false, false);
    }

    @Override
    public synchronized LimitExceededException getCause() {
      return (LimitExceededException) super.getCause();
    }
  }

  /** Makes room for {@code more} bytes after the content. */
  private void reserve(int more) {
    if (size + more > room) {
      grow(more);
    }
  }

  /** Grows the buffer as a {@link PayloadBuffer} would, which says when it is over the limit. */
  private void grow(int more) {
    PayloadBuffer buffer = new PayloadBuffer(16, limit);
    buffer.adopt(out, size);
    try {
      buffer.ensureCapacity((long) size + more);
    } catch (LimitExceededException e) {
      throw new CanonicalFormTooLarge(e);
    }
    out = buffer.array();
    room = (int) Math.min(out.length, limit);
  }

  private void append(byte[] from, int offset, int length) {
    reserve(length);
    System.arraycopy(from, offset, out, size, length);
    size += length;
  }

  /** Writes the comma before an array element that has one before it. */
  private void beforeValue() {
    if (depth > 0 && !objects[depth - 1] && counts[depth - 1]++ > 0) {
      reserve(1);
      out[size++] = ',';
    }
  }

  private void open(boolean object, byte bracket) {
    beforeValue();
    if (depth == objects.length) {
      int grown = depth * 2;
      objects = Arrays.copyOf(objects, grown);
      counts = Arrays.copyOf(counts, grown);
      firstMember = Arrays.copyOf(firstMember, grown);
      unsorted = Arrays.copyOf(unsorted, grown);
      keyTables = Arrays.copyOf(keyTables, grown);
    }
    objects[depth] = object;
    counts[depth] = 0;
    firstMember[depth] = memberCount;
    unsorted[depth] = false;
    keyTables[depth] = null;
    depth++;
    reserve(1);
    out[size++] = bracket;
  }

  @Override
  public void startObject() {
    open(true, (byte) '{');
  }

  @Override
  public void startArray() {
    open(false, (byte) '[');
  }

  @Override
  public void endArray() {
    depth--;
    reserve(1);
    out[size++] = ']';
  }

  @Override
  public boolean key(byte[] text, int from, int to, boolean decoded) {
    int top = depth - 1;
    int count = counts[top];
    int first = firstMember[top];
    if (count > 0) {
      members[(first + count - 1) * MEMBER + VALUE_TO] = size;
      reserve(1);
      out[size++] = ',';
    }
    int keyFrom = size + 1;
    boolean escaped = decoded ? quoted(text, from, to) : verbatim(text, from, to);
    int keyTo = size - 1;
    long prefix = escaped ? 0 : prefix(keyFrom, keyTo);
    int[] table = keyTables[top];
    int hash = 0;
    if (table == null) {
      for (int m = first; m < first + count; m++) {
        if (prefixes[m] == prefix && sameText(m, keyFrom, keyTo)) {
          return false;
        }
      }
    } else {
      hash = hash(keyFrom, keyTo);
      int mask = table.length - 1;
      for (int slot = mix(hash) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
        int m = first + table[slot] - 1;
        if (members[m * MEMBER + HASH] == hash && sameText(m, keyFrom, keyTo)) {
          return false;
        }
      }
    }
    if (memberCount * MEMBER == members.length) {
      members = Arrays.copyOf(members, members.length * 2);
      prefixes = Arrays.copyOf(prefixes, prefixes.length * 2);
    }
    int at = memberCount * MEMBER;
    members[at + KEY_FROM] = keyFrom;
    members[at + KEY_TO] = keyTo;
    members[at + HASH] = hash;
    members[at + ESCAPED] = escaped ? 1 : 0;
    prefixes[memberCount] = prefix;
    memberCount++;
    counts[top] = count + 1;
    if (count > 0 && !unsorted[top] && compareKeys(memberCount - 2, memberCount - 1) > 0) {
      unsorted[top] = true;
    }
    if (table != null || count + 1 > LINEAR_KEY_SEARCH) {
      addToKeyTable(top, count);
    }
    reserve(1);
    out[size++] = ':';
    return true;
  }

  @Override
  public void endObject() {
    int top = depth - 1;
    int count = counts[top];
    int first = firstMember[top];
    if (count > 0) {
      members[(first + count - 1) * MEMBER + VALUE_TO] = size;
      if (unsorted[top]) {
        sortMembers(first, count);
      }
    }
    memberCount = first;
    keyTables[top] = null;
    depth--;
    reserve(1);
    out[size++] = '}';
  }

  @Override
  public void string(byte[] text, int from, int to, boolean decoded) {
    beforeValue();
    if (decoded) {
      quoted(text, from, to);
    } else {
      verbatim(text, from, to);
    }
  }

  @Override
  public void bool(boolean value) {
    beforeValue();
    if (value) {
      reserve(4);
      out[size++] = 't';
      out[size++] = 'r';
      out[size++] = 'u';
      out[size++] = 'e';
    } else {
      reserve(5);
      out[size++] = 'f';
      out[size++] = 'a';
      out[size++] = 'l';
      out[size++] = 's';
      out[size++] = 'e';
    }
  }

  @Override
  public void nullValue() {
    beforeValue();
    reserve(4);
    out[size++] = 'n';
    out[size++] = 'u';
    out[size++] = 'l';
    out[size++] = 'l';
  }

  @Override
  public void number(byte[] text, int from, int to, boolean integer) {
    beforeValue();
    if (integer && to - from - (text[from] == '-' ? 1 : 0) <= SHORTEST_DIGITS) {
      // Below 10^15 an integer is a double and its digits are its shortest form; -0 is 0.
      if (to - from == 2 && text[from] == '-' && text[from + 1] == '0') {
        append(text, from + 1, 1);
      } else {
        append(text, from, to - from);
      }
      return;
    }
    if (!shortDecimal(text, from, to)) {
      double value =
          Double.parseDouble(new String(text, from, to - from, StandardCharsets.ISO_8859_1));
      append(number, 0, EcmaScriptNumbers.write(value, number, 0));
    }
  }

  /**
   * Writes a number of at most 15 significant digits, well within the range of normal doubles, as
   * the layout of its own digits: such a decimal is the only one of at most 15 digits that rounds
   * to its double (15 is DBL_DIG), so it is the shortest. Returns false, writing nothing, for any
   * other number.
   */
  private boolean shortDecimal(byte[] text, int from, int to) {
    int i = from;
    boolean negative = text[i] == '-';
    if (negative) {
      i++;
    }
    // The significant digits, and the position of the decimal point relative to the first one.
    int k = 0;
    int point = 0;
    int zeros = 0; // zeros seen after the last significant digit, not yet known to be significant
    boolean fraction = false;
    for (; i < to; i++) {
      byte b = text[i];
      if (b == '.') {
        fraction = true;
        continue;
      }
      if (b == 'e' || b == 'E') {
        break;
      }
      if (b == '0') {
        if (k == 0) {
          if (fraction) {
            point--;
          }
          continue;
        }
        zeros++;
      } else {
        if (k + zeros + 1 > SHORTEST_DIGITS) {
          return false;
        }
        while (zeros > 0) {
          digits[k++] = '0';
          zeros--;
        }
        digits[k++] = b;
      }
      if (!fraction) {
        point++;
      }
    }
    if (i < to) {
      i++;
      boolean negativeExponent = text[i] == '-';
      if (text[i] == '-' || text[i] == '+') {
        i++;
      }
      if (to - i > 3) {
        return false;
      }
      int exponent = 0;
      for (; i < to; i++) {
        exponent = exponent * 10 + (text[i] - '0');
      }
      point += negativeExponent ? -exponent : exponent;
    }
    if (k == 0) {
      reserve(1);
      out[size++] = '0'; // any zero, -0 too, is 0
      return true;
    }
    if (point < -290 || point > 290) {
      return false;
    }
    append(number, 0, EcmaScriptNumbers.layout(digits, k, point, negative, number, 0));
    return true;
  }

  /** Writes {@code "text"} as it is: a string without escapes, whose UTF-8 the parser checked. */
  private boolean verbatim(byte[] text, int from, int to) {
    int length = to - from;
    reserve(length + 2);
    byte[] o = out;
    int n = size;
    o[n++] = '"';
    if (length < 16) {
      for (int i = from; i < to; i++) {
        o[n++] = text[i];
      }
    } else {
      System.arraycopy(text, from, o, n, length);
      n += length;
    }
    o[n++] = '"';
    size = n;
    return false;
  }

  /**
   * Writes a decoded string in quotes, escaped as RFC 8785 section 3.2.2.2 says; returns whether it
   * needed an escape.
   */
  private boolean quoted(byte[] text, int from, int to) {
    int extra = 0;
    for (int i = from; i < to; i++) {
      int b = text[i] & 0xff;
      if (b == '"' || b == '\\') {
        extra++;
      } else if (b < 0x20) {
        extra += b == '\b' || b == '\t' || b == '\n' || b == '\f' || b == '\r' ? 1 : 5;
      }
    }
    if (extra == 0) {
      verbatim(text, from, to);
      return false;
    }
    reserve(to - from + extra + 2);
    byte[] o = out;
    int n = size;
    o[n++] = '"';
    for (int i = from; i < to; i++) {
      byte b = text[i];
      if (b == '"' || b == '\\') {
        o[n++] = '\\';
        o[n++] = b;
      } else if (b >= 0 && b < 0x20) {
        o[n++] = '\\';
        switch (b) {
          case '\b' -> o[n++] = 'b';
          case '\t' -> o[n++] = 't';
          case '\n' -> o[n++] = 'n';
          case '\f' -> o[n++] = 'f';
          case '\r' -> o[n++] = 'r';
          default -> {
            o[n++] = 'u';
            o[n++] = '0';
            o[n++] = '0';
            o[n++] = HEX[b >> 4];
            o[n++] = HEX[b & 0xf];
          }
        }
      } else {
        o[n++] = b;
      }
    }
    o[n++] = '"';
    size = n;
    return true;
  }

  // --- duplicate keys ---

  /** Canonical forms are unique, so two keys are the same string when their bytes are. */
  private boolean sameText(int member, int keyFrom, int keyTo) {
    int at = member * MEMBER;
    return Arrays.equals(out, members[at + KEY_FROM], members[at + KEY_TO], out, keyFrom, keyTo);
  }

  private int hash(int keyFrom, int keyTo) {
    int hash = 0;
    for (int i = keyFrom; i < keyTo; i++) {
      hash = 31 * hash + out[i];
    }
    return hash;
  }

  /**
   * Adds member {@code index} of the object at {@code top} to its key table; builds the table,
   * hashing every key so far, when there is none yet or it is half full.
   */
  private void addToKeyTable(int top, int index) {
    int[] table = keyTables[top];
    int first = firstMember[top];
    if (table == null || 2 * (index + 1) > table.length) {
      table = new int[Integer.highestOneBit(Math.max(4 * (index + 1), 64))];
      keyTables[top] = table;
      for (int m = 0; m <= index; m++) {
        int at = (first + m) * MEMBER;
        members[at + HASH] = hash(members[at + KEY_FROM], members[at + KEY_TO]);
        insert(table, first, m);
      }
    } else {
      insert(table, first, index);
    }
  }

  private void insert(int[] table, int first, int index) {
    int mask = table.length - 1;
    int slot = mix(members[(first + index) * MEMBER + HASH]) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = index + 1;
  }

  private static int mix(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  // --- member order ---

  /**
   * Compares two keys in UTF-16 code unit order. Their text is UTF-8 in the output, whose byte
   * order is code point order; it differs from UTF-16 order only where U+E000..U+FFFF (lead bytes
   * EE and EF) meets a supplementary character (lead bytes F0 to F4, surrogates in UTF-16), which
   * {@link #rank} corrects at the first byte that differs. Escapes stand for the ASCII unit they
   * escape.
   */
  private int compareKeys(int a, int b) {
    int atA = a * MEMBER;
    int atB = b * MEMBER;
    int fromA = members[atA + KEY_FROM];
    int toA = members[atA + KEY_TO];
    int fromB = members[atB + KEY_FROM];
    int toB = members[atB + KEY_TO];
    if (members[atA + ESCAPED] != 0 || members[atB + ESCAPED] != 0) {
      return compareEscaped(fromA, toA, fromB, toB);
    }
    int byPrefix = Long.compareUnsigned(prefixes[a], prefixes[b]);
    if (byPrefix != 0) {
      return byPrefix;
    }
    int common = Math.min(toA - fromA, toB - fromB);
    for (int i = Math.min(8, common); i < common; i++) {
      byte x = out[fromA + i];
      byte y = out[fromB + i];
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return (toA - fromA) - (toB - fromB);
  }

  /**
   * The first 8 bytes of a key without escapes, each {@link #rank ranked}, big-endian: comparing
   * two prefixes unsigned compares the keys' first 8 bytes. A key is never a NUL (it would be
   * escaped), so a shorter key's zero padding sorts it first, as a prefix sorts before the key.
   */
  private long prefix(int keyFrom, int keyTo) {
    long prefix = 0;
    int n = Math.min(8, keyTo - keyFrom);
    for (int i = 0; i < n; i++) {
      prefix |= (long) rank(out[keyFrom + i]) << (56 - 8 * i);
    }
    return prefix;
  }

  private static int rank(byte b) {
    int unsigned = b & 0xff;
    return unsigned == 0xee || unsigned == 0xef ? unsigned + 0x10 : unsigned;
  }

  private int compareEscaped(int fromA, int toA, int fromB, int toB) {
    int i = fromA;
    int j = fromB;
    while (i < toA && j < toB) {
      int unitA;
      int unitB;
      if (out[i] == '\\') {
        unitA = unescape(i);
        i += out[i + 1] == 'u' ? 6 : 2;
      } else {
        unitA = rank(out[i++]);
      }
      if (out[j] == '\\') {
        unitB = unescape(j);
        j += out[j + 1] == 'u' ? 6 : 2;
      } else {
        unitB = rank(out[j++]);
      }
      if (unitA != unitB) {
        return unitA - unitB;
      }
    }
    return (toA - i) - (toB - j);
  }

  /** The ASCII unit of the canonical escape at {@code at}: {@code \"}, {@code \\}, or a control. */
  private int unescape(int at) {
    return switch (out[at + 1]) {
      case 'b' -> '\b';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 'u' -> Character.digit(out[at + 4], 16) << 4 | Character.digit(out[at + 5], 16);
      default -> out[at + 1]; // '"' or '\\'
    };
  }

  /**
   * Moves the {@code count} members of an object, starting at member {@code first}, into key order.
   * They are written one after the other with a comma between, so the object's text is rewritten in
   * place from a copy.
   */
  private void sortMembers(int first, int count) {
    if (order.length < count) {
      order = new int[Math.max(count, 2 * order.length)];
      orderScratch = new int[order.length];
    }
    for (int i = 0; i < count; i++) {
      order[i] = first + i;
    }
    sort(order, orderScratch, 0, count);
    int regionFrom = members[first * MEMBER + KEY_FROM] - 1;
    int regionTo = members[(first + count - 1) * MEMBER + VALUE_TO];
    int length = regionTo - regionFrom;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    System.arraycopy(out, regionFrom, scratch, 0, length);
    int n = regionFrom;
    for (int i = 0; i < count; i++) {
      int at = order[i] * MEMBER;
      int memberFrom = members[at + KEY_FROM] - 1;
      int memberLength = members[at + VALUE_TO] - memberFrom;
      if (i > 0) {
        out[n++] = ',';
      }
      System.arraycopy(scratch, memberFrom - regionFrom, out, n, memberLength);
      n += memberLength;
    }
  }

  /** Sorts {@code a[from, to)} by key: insertion sort when short, else a merge sort. */
  private void sort(int[] a, int[] tmp, int from, int to) {
    if (to - from <= 12) {
      for (int i = from + 1; i < to; i++) {
        int member = a[i];
        int j = i - 1;
        while (j >= from && compareKeys(a[j], member) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = member;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    sort(a, tmp, from, middle);
    sort(a, tmp, middle, to);
    if (compareKeys(a[middle - 1], a[middle]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = middle;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < middle && compareKeys(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
