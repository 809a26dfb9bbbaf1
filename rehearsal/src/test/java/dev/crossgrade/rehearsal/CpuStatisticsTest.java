package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crossgrade.rehearsal.CpuStatistics.Estimate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The intervals: exact on worked examples, and calibrated (about 95% coverage) in simulation. */
class CpuStatisticsTest {
  @Test
  void theMeanOfFiveValuesAndItsStudentInterval() {
    Estimate mean = CpuStatistics.mean(new double[] {10, 12, 11, 13, 9});
    assertThat(mean.n()).isEqualTo(5);
    assertThat(mean.value()).isEqualTo(11.0);
    // sd = sqrt(10 / 4) = 1.5811; t(4) = 2.776; 2.776 * 1.5811 / sqrt(5) = 1.9630
    assertThat(mean.halfWidth()).isCloseTo(1.9630, within(1e-4));
  }

  @Test
  void aRatioOfConstantPairsHasNoSpread() {
    Estimate ratio =
        CpuStatistics.ratioOfMeans(new double[] {10, 20, 30}, new double[] {9, 18, 27});
    assertThat(ratio.value()).isCloseTo(0.9, within(1e-12));
    assertThat(ratio.halfWidth()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void theRatioIntervalIsTheDeltaMethodsWorkedOut() {
    double[] x = {10, 12, 11, 13};
    double[] y = {9, 11, 9, 12};
    Estimate ratio = CpuStatistics.ratioOfMeans(x, y);
    // mean x 11.5, mean y 10.25, R = 0.891304; s_xx = 5/3, s_yy = 6.75/3, s_xy = 5.5/3
    // var = (2.25 - 2 R 1.833333 + R^2 1.666667) / (4 * 132.25) = 0.00057830; sd 0.024048
    assertThat(ratio.value()).isCloseTo(0.891304, within(1e-6));
    assertThat(ratio.halfWidth()).isCloseTo(3.182 * 0.024048, within(1e-5));
    assertThat(ratio.low()).isLessThan(ratio.value());
    assertThat(ratio.high()).isGreaterThan(ratio.value());
  }

  @Test
  void theIntervalCoversTheTrueRatioAboutNinetyFivePercentOfTheTime() {
    SplittableRandom random = new SplittableRandom(17);
    double trueRatio = 0.88;
    int experiments = 4000;
    int covered = 0;
    for (int e = 0; e < experiments; e++) {
      double[] x = new double[10];
      double[] y = new double[10];
      for (int i = 0; i < 10; i++) {
        double load = 1 + 0.3 * random.nextDouble(); // the machine's noise, shared by both
        x[i] = 40 * load * (1 + 0.05 * gaussian(random));
        y[i] = 40 * trueRatio * load * (1 + 0.05 * gaussian(random));
      }
      Estimate ratio = CpuStatistics.ratioOfMeans(x, y);
      if (ratio.low() <= trueRatio && trueRatio <= ratio.high()) {
        covered++;
      }
    }
    assertThat((double) covered / experiments).isBetween(0.925, 0.97);
  }

  @Test
  void tooFewPairsGiveNoIntervalAndBadInputIsRefused() {
    assertThat(CpuStatistics.ratioOfMeans(new double[] {2}, new double[] {1}).hasInterval())
        .isFalse();
    assertThat(CpuStatistics.mean(new double[0]).n()).isZero();
    assertThatThrownBy(() -> CpuStatistics.ratioOfMeans(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuStatistics.ratioOfMeans(new double[] {0, 0}, new double[] {1, 2}))
        .hasMessageContaining("must be positive");
    assertThat(CpuStatistics.t975(1)).isEqualTo(12.706);
    assertThat(CpuStatistics.t975(31)).isCloseTo(2.040, within(1e-3));
    assertThat(CpuStatistics.t975(120)).isCloseTo(1.980, within(1e-3));
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
