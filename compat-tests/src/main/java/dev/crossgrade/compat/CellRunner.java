package dev.crossgrade.compat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs one cell: tries the values in batches, stops at the first failure and shrinks it. */
final class CellRunner {
  private static final int BATCH = 2_500;
  private static final String DISCARD = "\0discard";

  private CellRunner() {}

  static CellResult run(Cell cell, List<Object> values) {
    if (cell.notRun() != null || cell.writerHost() == null || cell.readerHost() == null) {
      return result(cell, Verdict.NOT_RUN, 0, 0, null, cell.notRun());
    }
    int tried = 0;
    int discarded = 0;
    try {
      for (int from = 0; from < values.size(); from += BATCH) {
        List<Object> batch = values.subList(from, Math.min(values.size(), from + BATCH));
        List<@Nullable String> failures = check(cell, batch);
        for (int i = 0; i < batch.size(); i++) {
          tried++;
          String failure = failures.get(i);
          if (failure == null) {
            continue;
          }
          if (failure.equals(DISCARD)) {
            discarded++;
            continue;
          }
          Shrinker.Shrunk shrunk =
              Shrinker.shrink(
                  batch.get(i), failure, cell.domain(), candidates -> first(cell, candidates));
          Verdict verdict = cell.expectedFailure() != null ? Verdict.EXPECTED_FAIL : Verdict.FAIL;
          return result(
              cell, verdict, tried, discarded, Render.value(shrunk.value()), shrunk.failure());
        }
      }
    } catch (IOException | RuntimeException e) {
      return failed(cell, tried, discarded, "the harness failed: " + Outcome.failure(e).error());
    }
    if (tried > 0 && discarded == tried) {
      return failed(cell, tried, discarded, "the writer could not write any value");
    }
    if (cell.expectedFailure() != null) {
      return failed(
          cell,
          tried,
          discarded,
          "the documented incompatibility was not observed in " + tried + " tries");
    }
    return result(cell, Verdict.PASS, tried, discarded, null, null);
  }

  /** A FAIL without a counterexample: the cell as a whole went wrong, as {@code why} says. */
  private static CellResult failed(Cell cell, int tried, int discarded, String why) {
    return result(cell, Verdict.FAIL, tried, discarded, null, why);
  }

  private static CellResult result(
      Cell cell,
      Verdict verdict,
      int tried,
      int discarded,
      @Nullable String counterexample,
      @Nullable String explanation) {
    return new CellResult(
        cell.group(),
        cell.writer(),
        cell.reader(),
        cell.codec(),
        verdict,
        tried,
        discarded,
        counterexample,
        explanation,
        cell.expectedFailure());
  }

  private static Shrinker.@Nullable Failure first(Cell cell, List<Object> candidates) {
    try {
      List<@Nullable String> failures = check(cell, candidates);
      for (int i = 0; i < failures.size(); i++) {
        String failure = failures.get(i);
        if (failure != null && !failure.equals(DISCARD)) {
          return new Shrinker.Failure(i, failure);
        }
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("a worker failed while shrinking: " + e.getMessage(), e);
    }
  }

  /** For each value: null if it passed, {@link #DISCARD} if it could not be written, else why. */
  static List<@Nullable String> check(Cell cell, List<Object> values) throws IOException {
    Host writerHost = cell.writerHost();
    Host readerHost = cell.readerHost();
    List<Outcome> written = writerHost.write(cell.writerSide(), values);
    List<@Nullable String> failures = new ArrayList<>(values.size());
    if (cell.mode() == Cell.Mode.SAME_BYTES) {
      List<Outcome> other = readerHost.write(cell.readerSide(), values);
      for (int i = 0; i < values.size(); i++) {
        failures.add(compareBytes(cell, written.get(i), other.get(i)));
      }
      return failures;
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Outcome outcome : written) {
      if (outcome.ok()) {
        payloads.add(outcome.bytes());
      }
    }
    List<Outcome> read = readerHost.read(cell.readerSide(), payloads);
    int next = 0;
    for (int i = 0; i < values.size(); i++) {
      if (!written.get(i).ok()) {
        failures.add(DISCARD);
        continue;
      }
      Outcome outcome = read.get(next++);
      if (!outcome.ok()) {
        failures.add(cell.reader() + " cannot read it: " + outcome.error());
        continue;
      }
      Object expected = cell.expected().apply(values.get(i));
      String difference = cell.equivalence().difference(expected, outcome.value());
      failures.add(difference == null ? null : cell.reader() + ": " + difference);
    }
    return failures;
  }

  private static @Nullable String compareBytes(Cell cell, Outcome a, Outcome b) {
    if (!a.ok() && !b.ok()) {
      return DISCARD;
    }
    if (!a.ok() || !b.ok()) {
      return "%s cannot write it (%s) where %s can"
          .formatted(
              (a.ok() ? cell.reader() : cell.writer()),
              (a.ok() ? b.error() : a.error()),
              (a.ok() ? cell.writer() : cell.reader()));
    }
    byte[] x = a.bytes();
    byte[] y = b.bytes();
    int at = Arrays.mismatch(x, y);
    if (at < 0) {
      return null;
    }
    return "bytes differ at offset %s: %s wrote …%s…, %s wrote …%s…"
        .formatted(
            at,
            cell.writer(),
            Render.bytes(x, at - 8, at + 24),
            cell.reader(),
            Render.bytes(y, at - 8, at + 24));
  }
}
