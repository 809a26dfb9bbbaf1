package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.internal.cache.CacheMetrics;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module README's lists of metric ops and outcomes are the code's, and cover what it emits. */
class RouterReadmeTest {
  private static String metricsSection() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Metrics");
    return readme.substring(start, readme.indexOf("\n## ", start + 1)).replaceAll("\\s+", " ");
  }

  /** The words listed after {@code lead} up to the end of the sentence, without parentheses. */
  private static Set<String> listed(String text, String lead) {
    Matcher matcher = Pattern.compile(Pattern.quote(lead) + "(.*?)\\.( |$)").matcher(text);
    assertThat(matcher.find()).as("'%s' in the README", lead).isTrue();
    String list = matcher.group(1).replaceAll("\\([^)]*\\)", "").replace(" or ", ", ");
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(word -> !word.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> outcomeConstants() {
    Set<String> outcomes = new TreeSet<>();
    for (CacheMetrics.Outcome outcome : CacheMetrics.Outcome.values()) {
      outcomes.add(outcome.tag);
    }
    return outcomes;
  }

  @Test
  void theReadmeListsEveryOpAndOutcomeOfTheCode() throws Exception {
    String metrics = metricsSection();
    assertThat(listed(metrics, "The op is one of ")).isEqualTo(new TreeSet<>(CacheMetrics.OPS));
    assertThat(listed(metrics, "The outcome is one of ")).isEqualTo(outcomeConstants());
    assertThat(listed(metrics, "the kind one of "))
        .containsExactlyInAnyOrder("timeout", "error", "interrupted", "too_large");
  }

  @Test
  void everyOpAndOutcomeARolloutEmitsIsInTheReadme() throws Exception {
    String metrics = metricsSection();
    Set<String> ops = listed(metrics, "The op is one of ");
    Set<String> outcomes = listed(metrics, "The outcome is one of ");
    Set<String> seenOps = new TreeSet<>();
    Set<String> seenOutcomes = new TreeSet<>();
    try (TwoRuntimes t = TwoRuntimes.on(Backend.EMBEDDED, Phase.SPLIT, 50)) {
      for (Phase phase : Phase.values()) {
        t.phase(phase);
        for (int i = 0; i < 20; i++) {
          String key = "k" + i;
          t.old.set(key, TwoRuntimes.v1(key, i, "old words"));
          t.neu.get(key);
          t.neu.getOrLoad("load" + i + phase, k -> TwoRuntimes.v2(k, 1, "loaded"));
          t.neu.getAll(List.of(key, "absent" + i));
          t.neu.set(key, TwoRuntimes.v2(key, i + 1, "new", "words"));
          t.old.get(key);
          t.neu.set("big" + i, TwoRuntimes.v2("big", 1, "x".repeat(2 << 20)));
          t.old.delete(key);
        }
      }
      for (var meters : List.of(t.oldMeters, t.newMeters)) {
        for (Meter meter : meters.find(CacheMetrics.REQUESTS).meters()) {
          seenOps.add(meter.getId().getTag("op"));
          seenOutcomes.add(meter.getId().getTag("outcome"));
        }
      }
    }
    assertThat(ops).containsAll(seenOps);
    assertThat(outcomes).containsAll(seenOutcomes);
    assertThat(seenOutcomes)
        .as("the scenario reaches the outcomes the README was missing")
        .contains("shadow_read", "encode_failure", "fallback_hit", "upcast", "loaded");
    assertThat(seenOps).contains("fill", "backfill", "shadow");
  }
}
