package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Key popularity follows Zipf's law, spread over the keys by a permutation of the seed. */
class ZipfTest {
  @Test
  void probabilitiesFallWithRankAsOneOverRankToTheExponent() {
    Zipf zipf = new Zipf(1000, 1.0, 1);
    double sum = 0;
    for (int rank = 0; rank < 1000; rank++) {
      sum += zipf.probability(rank);
      if (rank > 0) {
        assertThat(zipf.probability(rank)).isLessThan(zipf.probability(rank - 1));
      }
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(zipf.probability(0) / zipf.probability(9))
        .isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void ranksArePermutedByTheSeed() {
    int[] one = new int[500];
    int[] again = new int[500];
    int[] other = new int[500];
    Zipf a = new Zipf(500, 0.99, 1);
    Zipf b = new Zipf(500, 0.99, 1);
    Zipf c = new Zipf(500, 0.99, 2);
    for (int rank = 0; rank < 500; rank++) {
      one[rank] = a.keyOfRank(rank);
      again[rank] = b.keyOfRank(rank);
      other[rank] = c.keyOfRank(rank);
    }
    assertThat(one).isEqualTo(again).isNotEqualTo(other);
    int[] sorted = one.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 500; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void drawsFollowTheProbabilities() {
    Zipf zipf = new Zipf(10_000, 0.99, 5);
    SplittableRandom random = new SplittableRandom(42);
    int[] counts = new int[10_000];
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      counts[zipf.next(random)]++;
    }
    for (int rank : new int[] {0, 1, 9}) {
      double expected = zipf.probability(rank) * draws;
      assertThat((double) counts[zipf.keyOfRank(rank)])
          .as("draws of rank %d", rank)
          .isBetween(expected * 0.9, expected * 1.1);
    }
    int top100 = 0;
    for (int rank = 0; rank < 100; rank++) {
      top100 += counts[zipf.keyOfRank(rank)];
    }
    assertThat((double) top100 / draws).isBetween(0.5, 0.6);
  }
}
