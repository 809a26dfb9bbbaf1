package dev.crossgrade.codec.jackson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Formats doubles as ECMAScript's {@code Number.prototype.toString} does, which RFC 8785 requires:
 * the shortest decimal that rounds back to the double (the closest such one, and the one with the
 * even last digit on a tie), laid out in plain or exponent notation by the ECMAScript rules.
 *
 * <p>The digits never come from {@link Double#toString(double)}, whose output differs between JDK
 * 17 (not always the shortest, JDK-4511638) and JDK 19 and later. Normal doubles use the Schubfach
 * method (R. Giulietti, "The Schubfach way to render doubles", 2020), implemented here from the
 * paper with its 126-bit table of powers of ten computed at class initialization; subnormals use an
 * exact {@link BigDecimal} search, which the tests also use as the reference for the fast path.
 */
final class EcmaScriptNumbers {
  /** A positive decimal {@code significand × 10^exponent}; the significand has no trailing zero. */
  record Decimal(long significand, int exponent) {}

  private static final int MIN_BINARY_EXPONENT = -1074; // q of subnormals and of the least binade
  private static final long HIDDEN_BIT = 1L << 52;
  private static final long MASK_63 = (1L << 63) - 1;

  // g(k) for k = K_MIN..K_MAX, split into its high and low 63 bits.
  private static final int K_MIN = -324;
  private static final int K_MAX = 292;
  private static final long[] G_HIGH = new long[K_MAX - K_MIN + 1];
  private static final long[] G_LOW = new long[K_MAX - K_MIN + 1];

  static {
    for (int k = K_MIN; k <= K_MAX; k++) {
      BigInteger g = scaledPowerOfTen(k).add(BigInteger.ONE);
      G_HIGH[k - K_MIN] = g.shiftRight(63).longValueExact();
      G_LOW[k - K_MIN] = g.longValue() & MASK_63;
    }
  }

  private EcmaScriptNumbers() {}

  /** The most bytes {@link #write} and {@link #layout} write. */
  static final int MAX_LENGTH = 32;

  /**
   * The ECMAScript string of a finite double; {@code -0.0} gives {@code "0"}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " has no JSON representation");
    }
    byte[] out = new byte[MAX_LENGTH];
    return new String(out, 0, write(value, out, 0), StandardCharsets.US_ASCII);
  }

  /**
   * Writes the ECMAScript string of a finite double at {@code out[at]}, which has room for {@link
   * #MAX_LENGTH} bytes, and returns where it ends.
   */
  static int write(double value, byte[] out, int at) {
    if (value == 0) {
      out[at] = '0';
      return at + 1;
    }
    Decimal decimal = shortest(Math.abs(value));
    byte[] digits = new byte[19];
    long significand = decimal.significand();
    int k = 0;
    for (long rest = significand; rest > 0; rest /= 10) {
      k++;
    }
    for (int i = k - 1; i >= 0; i--) {
      digits[i] = (byte) ('0' + significand % 10);
      significand /= 10;
    }
    return layout(digits, k, decimal.exponent() + k, value < 0, out, at);
  }

  /**
   * Writes the number {@code 0.d1d2...dk × 10^n}, whose digits {@code digits[0, k)} have no leading
   * or trailing zero, in ECMAScript's Number::toString layout (ECMA-262, 6.1.6.1.20) at {@code
   * out[at]}, which has room for {@link #MAX_LENGTH} bytes; returns where it ends.
   */
  static int layout(byte[] digits, int k, int n, boolean negative, byte[] out, int at) {
    int i = at;
    if (negative) {
      out[i++] = '-';
    }
    if (k <= n && n <= 21) {
      System.arraycopy(digits, 0, out, i, k);
      i += k;
      for (int z = k; z < n; z++) {
        out[i++] = '0';
      }
    } else if (0 < n && n <= 21) {
      System.arraycopy(digits, 0, out, i, n);
      i += n;
      out[i++] = '.';
      System.arraycopy(digits, n, out, i, k - n);
      i += k - n;
    } else if (-6 < n && n <= 0) {
      out[i++] = '0';
      out[i++] = '.';
      for (int z = n; z < 0; z++) {
        out[i++] = '0';
      }
      System.arraycopy(digits, 0, out, i, k);
      i += k;
    } else {
      out[i++] = digits[0];
      if (k > 1) {
        out[i++] = '.';
        System.arraycopy(digits, 1, out, i, k - 1);
        i += k - 1;
      }
      int e = n - 1;
      out[i++] = 'e';
      out[i++] = (byte) (e < 0 ? '-' : '+');
      int magnitude = Math.abs(e);
      if (magnitude >= 100) {
        out[i++] = (byte) ('0' + magnitude / 100);
      }
      if (magnitude >= 10) {
        out[i++] = (byte) ('0' + magnitude / 10 % 10);
      }
      out[i++] = (byte) ('0' + magnitude % 10);
    }
    return i;
  }

  /** The shortest decimal of a positive finite double, chosen as ECMAScript chooses it. */
  static Decimal shortest(double value) {
    long bits = Double.doubleToRawLongBits(value);
    int biasedExponent = (int) (bits >>> 52) & 0x7ff;
    long fraction = bits & (HIDDEN_BIT - 1);
    if (biasedExponent == 0) {
      return shortestExact(value); // subnormal: rare, and outside the fast path's proof
    }
    long c = fraction | HIDDEN_BIT;
    int q = biasedExponent - 1075;
    if (q < 0 && q >= -52 && (c & ((1L << -q) - 1)) == 0) {
      return withoutTrailingZeros(c >> -q, 0); // an integer below 2^53: its own digits are shortest
    }
    return schubfach(c, q);
  }

  /**
   * Schubfach for a normal double {@code c × 2^q}. With {@code k} chosen so that the rounding
   * interval is 1 to 10 units of {@code 10^k} wide, every candidate is a multiple of {@code 10^k},
   * and at most one is a multiple of {@code 10^(k+1)}. The scaled values carry two extra bits and
   * are rounded to odd, which keeps every comparison below with a multiple of 4 exact.
   */
  private static Decimal schubfach(long c, int q) {
    boolean regularSpacing = c != HIDDEN_BIT || q == MIN_BINARY_EXPONENT;
    long cb = c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (regularSpacing) {
      cbl = cb - 2;
      k = floorLog10Pow2(q);
    } else {
      cbl = cb - 1; // the binade's first value: the gap below is half the gap above
      k = floorLog10ThreeQuartersPow2(q);
    }
    int shift = q + floorLog2Pow10(-k) + 2;
    long gHigh = G_HIGH[k - K_MIN];
    long gLow = G_LOW[k - K_MIN];
    long vb = roundToOdd(gHigh, gLow, cb << shift);
    long vbl = roundToOdd(gHigh, gLow, cbl << shift);
    long vbr = roundToOdd(gHigh, gLow, cbr << shift);
    long open = c & 1; // an odd significand's interval excludes its bounds (round half to even)

    long s = vb >> 2;
    long shorterDown = s / 10 * 10;
    long shorterUp = shorterDown + 10;
    boolean downIn = vbl + open <= shorterDown << 2;
    boolean upIn = (shorterUp << 2) + open <= vbr;
    if (downIn != upIn) {
      return withoutTrailingZeros(downIn ? shorterDown : shorterUp, k);
    }
    long t = s + 1;
    boolean sIn = vbl + open <= s << 2;
    boolean tIn = (t << 2) + open <= vbr;
    if (sIn != tIn) {
      return withoutTrailingZeros(sIn ? s : t, k);
    }
    long fromMidpoint = vb - ((s + t) << 1);
    boolean pickS = fromMidpoint < 0 || (fromMidpoint == 0 && (s & 1) == 0);
    return withoutTrailingZeros(pickS ? s : t, k);
  }

  /** {@code (g × cp) / 2^127} rounded to odd, where {@code g = gHigh × 2^63 + gLow}. */
  private static long roundToOdd(long gHigh, long gLow, long cp) {
    long lowProductHigh = Math.multiplyHigh(gLow, cp);
    long highProductLow = gHigh * cp;
    long highProductHigh = Math.multiplyHigh(gHigh, cp);
    long middle = (highProductLow >>> 1) + lowProductHigh;
    long floor = highProductHigh + (middle >>> 63);
    return floor | (((middle & MASK_63) + MASK_63) >>> 63);
  }

  /**
   * {@code floor(10^-k × 2^(125 - floorLog2Pow10(-k)))}, a 126-bit integer: {@code 10^-k} scaled
   * into {@code [2^125, 2^126)}.
   */
  static BigInteger scaledPowerOfTen(int k) {
    int shift = 125 - floorLog2Pow10(-k);
    if (k <= 0) {
      BigInteger power = BigInteger.TEN.pow(-k);
      return shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
    }
    return BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
  }

  /** {@code floor(q × log10(2))} for {@code |q| <= 1800}. */
  static int floorLog10Pow2(int q) {
    return (int) ((q * 661_971_961_083L) >> 41);
  }

  /** {@code floor(log10(3/4 × 2^q))} for {@code |q| <= 1800}. */
  static int floorLog10ThreeQuartersPow2(int q) {
    return (int) ((q * 661_971_961_083L - 274_743_187_321L) >> 41);
  }

  /** {@code floor(e × log2(10))} for {@code |e| <= 1000}. */
  static int floorLog2Pow10(int e) {
    return (int) ((e * 913_124_641_741L) >> 38);
  }

  private static Decimal withoutTrailingZeros(long significand, int exponent) {
    while (significand % 10 == 0) {
      significand /= 10;
      exponent++;
    }
    return new Decimal(significand, exponent);
  }

  /**
   * The shortest decimal of a positive finite double by exact search: the largest power of ten
   * {@code 10^j} that has a multiple inside the double's rounding interval, and of its multiples
   * there the closest to the double, the even one on a tie.
   */
  static Decimal shortestExact(double value) {
    long bits = Double.doubleToRawLongBits(value);
    int biasedExponent = (int) (bits >>> 52) & 0x7ff;
    long fraction = bits & (HIDDEN_BIT - 1);
    long c = biasedExponent == 0 ? fraction : fraction | HIDDEN_BIT;
    int q = biasedExponent == 0 ? MIN_BINARY_EXPONENT : biasedExponent - 1075;
    BigDecimal exact = new BigDecimal(value);
    BigDecimal halfGap = powerOfTwo(q - 1);
    BigDecimal upper = exact.add(halfGap);
    boolean irregular = c == HIDDEN_BIT && q > MIN_BINARY_EXPONENT;
    BigDecimal lower = exact.subtract(irregular ? powerOfTwo(q - 2) : halfGap);
    boolean closed = (c & 1) == 0;
    for (int j = upper.precision() - upper.scale() - 1; ; j--) {
      BigDecimal scaledLower = lower.movePointLeft(j);
      BigDecimal scaledUpper = upper.movePointLeft(j);
      BigInteger low = scaledLower.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
      BigInteger high = scaledUpper.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      if (!closed && isInteger(scaledLower)) {
        low = low.add(BigInteger.ONE);
      }
      if (!closed && isInteger(scaledUpper)) {
        high = high.subtract(BigInteger.ONE);
      }
      if (low.compareTo(high) > 0) {
        continue;
      }
      BigDecimal scaled = exact.movePointLeft(j);
      BigInteger nearest = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
      BigInteger chosen = nearest.max(low).min(high);
      return withoutTrailingZeros(chosen.longValueExact(), j);
    }
  }

  private static boolean isInteger(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal powerOfTwo(int exponent) {
    return exponent >= 0
        ? new BigDecimal(BigInteger.ONE.shiftLeft(exponent))
        : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-exponent)));
  }
}
