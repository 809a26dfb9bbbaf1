package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A worker's statistics cross the process boundary intact, and add up. */
class StepStatsTest {
  @Provide
  Arbitrary<StepStats> stats() {
    Arbitrary<Long> count = Arbitraries.longs().between(0, Long.MAX_VALUE / 4);
    Arbitrary<long[]> ticks = count.array(long[].class).ofSize(4);
    Arbitrary<long[]> latency =
        Arbitraries.longs().between(0, 1000).array(long[].class).ofSize(LatencyHistogram.BUCKETS);
    Arbitrary<Map<String, long[]>> formats =
        Arbitraries.maps(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                count.array(long[].class).ofSize(2))
            .ofMaxSize(3);
    Arbitrary<List<String>> examples =
        Arbitraries.strings()
            .ofMaxLength(40)
            .map(text -> "wrong value: " + text)
            .list()
            .ofMaxSize(1);
    Arbitrary<long[]> scalars = count.array(long[].class).ofSize(13);
    return Combinators.combine(scalars, formats, latency, ticks, ticks, examples, formats)
        .as(
            (s, f, l, reads, hits, e, cohorts) ->
                new StepStats(
                    s[0],
                    s[1],
                    s[2],
                    s[3],
                    s[4],
                    s[5],
                    s[6],
                    s[7],
                    s[8],
                    s[9],
                    s[10],
                    s[11],
                    s[12],
                    f,
                    l,
                    reads,
                    hits,
                    hits.clone(),
                    reads.clone(),
                    hits.clone(),
                    reads.clone(),
                    e,
                    cohorts));
  }

  @Property(tries = 100)
  void encodeThenDecodeGivesTheSameStatistics(@ForAll("stats") StepStats stats) {
    StepStats decoded = StepStats.decode(stats.encode());
    assertThat(decoded).isEqualTo(stats);
    assertThat(decoded.encoded().keySet()).isEqualTo(stats.encoded().keySet());
    assertThat(decoded.examples()).isEqualTo(stats.examples());
    assertThat(decoded.cohortWrites().keySet()).isEqualTo(stats.cohortWrites().keySet());
    assertThat(stats.encode()).doesNotContain(" ", "\n");
  }

  @Property(tries = 50)
  void plusAddsEveryCounterAndTick(@ForAll("stats") StepStats a, @ForAll("stats") StepStats b) {
    StepStats sum = a.plus(b);
    assertThat(sum.requests()).isEqualTo(a.requests() + b.requests());
    assertThat(sum.staleValues()).isEqualTo(a.staleValues() + b.staleValues());
    assertThat(sum.wrongBeforeLossSeen())
        .isEqualTo(a.wrongBeforeLossSeen() + b.wrongBeforeLossSeen());
    assertThat(sum.cpuNanos()).isEqualTo(a.cpuNanos() + b.cpuNanos());
    for (int i = 0; i < 4; i++) {
      assertThat(sum.tickReads()[i]).isEqualTo(a.tickReads()[i] + b.tickReads()[i]);
      assertThat(sum.tickCpuNanos()[i]).isEqualTo(a.tickCpuNanos()[i] + b.tickCpuNanos()[i]);
      assertThat(sum.tickRequests()[i]).isEqualTo(a.tickRequests()[i] + b.tickRequests()[i]);
    }
    assertThat(sum.latency()[7]).isEqualTo(a.latency()[7] + b.latency()[7]);
    assertThat(sum.examples()).hasSizeLessThanOrEqualTo(1);
    for (String cohort : a.cohortWrites().keySet()) {
      long[] other = b.cohortWrites().getOrDefault(cohort, new long[2]);
      assertThat(sum.cohortWrites().get(cohort)[1])
          .isEqualTo(a.cohortWrites().get(cohort)[1] + other[1]);
    }
  }

  @Property(tries = 1)
  void aTruncatedLineIsRefusedWithWhatWasWrong() {
    assertThatThrownBy(() -> StepStats.decode("1,2,3|x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 sections, not 11");
  }
}
