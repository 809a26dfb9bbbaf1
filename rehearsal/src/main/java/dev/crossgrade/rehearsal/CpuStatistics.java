package dev.crossgrade.rehearsal;

import java.util.Objects;

/**
 * Means and ratios of means with 95% confidence intervals, for CPU time per request: the mean of
 * repeated measurements (Student t), and the ratio of two means from paired measurements (delta
 * method, Student t with n - 1 degrees of freedom). Pure functions of their inputs.
 */
final class CpuStatistics {
  /** Student t's 97.5th percentile for 1 to 30 degrees of freedom (a two-sided 95% interval). */
  private static final double[] T_975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  private CpuStatistics() {}

  /**
   * An estimate and the half-width of its 95% confidence interval.
   *
   * @param n the number of measurements (pairs, for a ratio)
   * @param value the estimate
   * @param halfWidth half the width of the 95% interval; NaN when n is under 2
   */
  record Estimate(int n, double value, double halfWidth) {
    /** The interval's lower end. */
    double low() {
      return value - halfWidth;
    }

    /** The interval's upper end. */
    double high() {
      return value + halfWidth;
    }

    /** Whether there are enough measurements for an interval. */
    boolean hasInterval() {
      return n >= 2 && !Double.isNaN(halfWidth);
    }
  }

  /** Student t's 97.5th percentile for {@code df} degrees of freedom, 1 or more. */
  static double t975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be 1 or more, was " + df);
    }
    if (df <= T_975.length) {
      return T_975[df - 1];
    }
    // Cornish-Fisher expansion around the normal quantile: within 0.001 from 31 on.
    double z = 1.959964;
    double g1 = (z * z * z + z) / 4;
    double g2 = (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
    return z + g1 / df + g2 / ((double) df * df);
  }

  /** The mean of {@code values} with its 95% interval. */
  static Estimate mean(double[] values) {
    Objects.requireNonNull(values, "values");
    int n = values.length;
    if (n == 0) {
      return new Estimate(0, Double.NaN, Double.NaN);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n < 2) {
      return new Estimate(n, mean, Double.NaN);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    return new Estimate(n, mean, t975(n - 1) * sd / Math.sqrt(n));
  }

  /**
   * The ratio of the means of paired measurements, {@code mean(y) / mean(x)}, with its 95% interval
   * by the delta method: {@code var(R) = (s_y^2 - 2 R s_xy + R^2 s_x^2) / (n mean(x)^2)}.
   *
   * @throws IllegalArgumentException if the arrays differ in length or mean(x) is not positive
   */
  static Estimate ratioOfMeans(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired measurements: " + x.length + " and " + y.length + " values");
    }
    int n = x.length;
    if (n == 0) {
      return new Estimate(0, Double.NaN, Double.NaN);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    if (!(mx > 0)) {
      throw new IllegalArgumentException(
          "the mean of the denominators must be positive, was " + mx);
    }
    double ratio = my / mx;
    if (n < 2) {
      return new Estimate(n, ratio, Double.NaN);
    }
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    sxx /= n - 1;
    syy /= n - 1;
    sxy /= n - 1;
    double variance = Math.max(0, syy - 2 * ratio * sxy + ratio * ratio * sxx) / (n * mx * mx);
    return new Estimate(n, ratio, t975(n - 1) * Math.sqrt(variance));
  }
}
