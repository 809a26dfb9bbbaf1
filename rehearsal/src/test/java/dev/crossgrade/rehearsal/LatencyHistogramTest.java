package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Latency buckets are within about 3% of the values they hold, and percentiles with them. */
class LatencyHistogramTest {
  @Property(tries = 500)
  void aValueFallsInTheBucketThatSpansIt(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long value) {
    int bucket = LatencyHistogram.bucket(value);
    assertThat(bucket).isBetween(0, LatencyHistogram.BUCKETS - 1);
    long low = LatencyHistogram.lowest(bucket);
    long high = LatencyHistogram.lowest(bucket + 1);
    assertThat(low).isLessThanOrEqualTo(value);
    assertThat(high).isGreaterThan(value);
    assertThat((double) (high - low)).isLessThanOrEqualTo(Math.max(1.0, low / 32.0));
  }

  @Property(tries = 100)
  void percentilesAreWithinThreePercent(
      @ForAll @Size(min = 1, max = 300)
          List<@LongRange(min = 1, max = 10_000_000_000L) Long> values) {
    LatencyHistogram histogram = new LatencyHistogram();
    values.forEach(histogram::record);
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    for (double q : new double[] {0.5, 0.99}) {
      long exact = sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
      long estimate = LatencyHistogram.quantile(histogram.snapshot(), q);
      assertThat((double) estimate)
          .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(3.2));
    }
  }

  @Property(tries = 1)
  void noValuesGiveZero() {
    assertThat(LatencyHistogram.quantile(new long[LatencyHistogram.BUCKETS], 0.5)).isZero();
  }
}
