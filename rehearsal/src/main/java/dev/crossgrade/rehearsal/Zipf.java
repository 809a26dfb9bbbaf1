package dev.crossgrade.rehearsal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Key popularity following Zipf's law: the key of rank {@code r} (1-based) is drawn with a
 * probability proportional to {@code 1 / r^s}. Ranks are spread over the key indexes by a
 * permutation drawn from the seed, so the hot keys are not simply the first ones. Immutable.
 */
final class Zipf {
  private final double[] cumulative;
  private final int[] keyOfRank;

  Zipf(int keys, double exponent, long seed) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be 1 or more, was " + keys);
    }
    cumulative = new double[keys];
    double sum = 0;
    for (int rank = 1; rank <= keys; rank++) {
      sum += 1.0 / Math.pow(rank, exponent);
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < keys; i++) {
      cumulative[i] /= sum;
    }
    cumulative[keys - 1] = 1.0;
    keyOfRank = new int[keys];
    for (int i = 0; i < keys; i++) {
      keyOfRank[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = keys - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = keyOfRank[i];
      keyOfRank[i] = keyOfRank[j];
      keyOfRank[j] = swap;
    }
  }

  /** A key index drawn by popularity. */
  int next(SplittableRandom random) {
    return keyOfRank[rank(random.nextDouble())];
  }

  /** The 0-based rank whose cumulative probability first reaches {@code u}. */
  int rank(double u) {
    int found = Arrays.binarySearch(cumulative, u);
    return found >= 0 ? found : Math.min(-found - 1, cumulative.length - 1);
  }

  /** The probability of the 0-based rank {@code rank}. */
  double probability(int rank) {
    return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
  }

  /** The key index of the 0-based rank {@code rank}. */
  int keyOfRank(int rank) {
    return keyOfRank[rank];
  }
}
