package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Inflates one gzip member (RFC 1952) into an array of exactly the size its trailer declares,
 * refusing a declared size over the limit before inflating anything, and a stream that inflates to
 * more or less than it declares. The array grows as bytes actually inflate, so a forged trailer
 * costs only what the stream inflates to, and a gzip bomb at most twice the limit.
 */
final class BoundedGunzip {
  private static final int HEADER_AND_TRAILER = 18;

  private BoundedGunzip() {}

  /**
   * Inflates {@code data[offset, offset + length)}.
   *
   * @throws LimitExceededException if the declared size is over {@code limit}
   * @throws CorruptPayloadException if it is not one valid gzip member
   */
  static byte[] inflate(byte[] data, int offset, int length, long limit, String limitKnob) {
    return inflate(data, offset, length, limit, limitKnob, ChunkedInput.WHOLE);
  }

  /**
   * {@link #inflate(byte[], int, int, long, String)} reading at most {@code chunk} bytes a call.
   */
  static byte[] inflate(
      byte[] data, int offset, int length, long limit, String limitKnob, int chunk) {
    if (length < HEADER_AND_TRAILER) {
      throw new CorruptPayloadException(
          "compressed value of %s bytes is too short for gzip (10 header and 8 trailer bytes)"
              .formatted(length));
    }
    if ((data[offset] & 0xFF) != 0x1F || (data[offset + 1] & 0xFF) != 0x8B) {
      throw new CorruptPayloadException(
          String.format(
              java.util.Locale.ROOT,
              "compressed value starts with %02x %02x, not the gzip magic 1f 8b",
              data[offset] & 0xFF,
              data[offset + 1] & 0xFF));
    }
    int trailer = offset + length - 4;
    long declared =
        (data[trailer] & 0xFFL)
            | (data[trailer + 1] & 0xFFL) << 8
            | (data[trailer + 2] & 0xFFL) << 16
            | (data[trailer + 3] & 0xFFL) << 24;
    if (declared > limit) {
      throw new LimitExceededException(
          "compressed value declares %s uncompressed (gzip ISIZE), over the limit of %s (%s)"
              .formatted(
                  ReadBounds.formatBytes(declared), ReadBounds.formatBytes(limit), limitKnob));
    }
    // The declared size is only a claim: grow towards it as bytes actually inflate, so that a
    // forged trailer declaring 1 MiB costs what the stream inflates to, not 1 MiB.
    byte[] out = new byte[(int) Math.min(declared, Math.max(4096, 2L * length))];
    try (GZIPInputStream in =
        new GZIPInputStream(new ChunkedInput(data, offset, length, chunk), 512)) {
      int read = 0;
      while (read < declared) {
        if (read == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(declared, 2L * out.length));
        }
        int n = in.read(out, read, out.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      if (read < declared) {
        throw new CorruptPayloadException(
            """
            gzip stream inflates to %s bytes, fewer than the %s its trailer declares (truncated \
            or forged)"""
                .formatted(read, declared));
      }
      if (in.read() != -1) {
        throw new CorruptPayloadException(
            """
            gzip stream inflates to more than the %s bytes its trailer declares (forged trailer \
            or several members)"""
                .formatted(declared));
      }
    } catch (IOException e) {
      throw new CorruptPayloadException("compressed value is not valid gzip: " + e, 0, -1, e);
    }
    return out;
  }
}
