package dev.crossgrade.codec.msgpack;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The format codes of the MessagePack specification before 2013 (spec-old.md: nil, booleans, the
 * integer and float families, fixraw, raw16, raw32, arrays and maps), and a walker that finds the
 * first value an old-spec reader would reject as a reserved code. Codes 0xc4 to 0xc9, 0xd4 to 0xd9
 * were reserved there; they became bin, ext, fixext and str8.
 */
final class OldSpecFormats {
  static final Set<MessageFormat> OLD_SPEC =
      EnumSet.of(
          MessageFormat.POSFIXINT,
          MessageFormat.NEGFIXINT,
          MessageFormat.FIXMAP,
          MessageFormat.FIXARRAY,
          MessageFormat.FIXSTR,
          MessageFormat.NIL,
          MessageFormat.BOOLEAN,
          MessageFormat.FLOAT32,
          MessageFormat.FLOAT64,
          MessageFormat.UINT8,
          MessageFormat.UINT16,
          MessageFormat.UINT32,
          MessageFormat.UINT64,
          MessageFormat.INT8,
          MessageFormat.INT16,
          MessageFormat.INT32,
          MessageFormat.INT64,
          MessageFormat.STR16,
          MessageFormat.STR32,
          MessageFormat.ARRAY16,
          MessageFormat.ARRAY32,
          MessageFormat.MAP16,
          MessageFormat.MAP32);

  private OldSpecFormats() {}

  /** The offset of the first value an old-spec reader cannot read, or -1 if there is none. */
  static long firstNewSpecFormat(byte[] body) throws IOException {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(body)) {
      long pending = 1;
      while (pending > 0) {
        pending--;
        long at = unpacker.getTotalReadBytes();
        MessageFormat format = unpacker.getNextFormat();
        if (!OLD_SPEC.contains(format)) {
          return at;
        }
        switch (format.getValueType()) {
          case ARRAY -> pending += unpacker.unpackArrayHeader();
          case MAP -> pending += 2L * unpacker.unpackMapHeader();
          case STRING -> unpacker.skipValue();
          default -> unpacker.skipValue();
        }
      }
      return -1;
    }
  }
}
