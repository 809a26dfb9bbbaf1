package dev.crossgrade.compat;

import dev.crossgrade.codec.PayloadException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One cell of the user-jar check: values of one build written by its registry and read by the other
 * build's (or, for the downcast path, by its own), each read compared by meaning with what the
 * writing build reads back from the same bytes (or with the value itself). Stops at the first
 * failure and shrinks it within the cell's time limit; never throws.
 */
final class UserCell {
  /** One step of a side: write a value to bytes, or read bytes to a value. */
  interface Step {
    @Nullable Object apply(Object input) throws Exception;
  }

  /**
   * What to run.
   *
   * @param selfRead the writing build's own read, whose result is what the reader must match; null
   *     to match the value written (the downcast path)
   */
  record Spec(
      String group,
      String codec,
      String writer,
      String reader,
      @Nullable String notRun,
      Supplier<List<Object>> values,
      Step write,
      @Nullable Step selfRead,
      Step read,
      Type readerType,
      Meaning meaning,
      @Nullable String note) {}

  private static final String DISCARD = "\0";

  private UserCell() {}

  static CellResult run(Spec spec, Duration limit) {
    if (spec.notRun() != null) {
      return result(spec, Verdict.NOT_RUN, 0, 0, null, spec.notRun());
    }
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    List<Object> values;
    try {
      values = spec.values().get();
    } catch (ObjectValues.NotGenerableException e) {
      return result(spec, Verdict.NOT_RUN, 0, 0, null, "cannot generate values: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return result(
          spec,
          Verdict.NOT_RUN,
          0,
          0,
          null,
          "cannot generate values: " + Outcome.failure(e).error());
    } catch (LinkageError e) {
      return result(
          spec,
          Verdict.NOT_RUN,
          0,
          0,
          null,
          """
          cannot generate values: %s (a class the type needs is missing from the build's class \
          path: add the library it comes from)"""
              .formatted(Outcome.failure(e).error()));
    }
    if (values.isEmpty()) {
      return result(
          spec,
          Verdict.NOT_RUN,
          0,
          0,
          null,
          "no valid value could be built: the type's constructor rejected every generated one;"
              + " give a generator (UserJarMatrix.Builder.generator or CachedType.Builder.generator)");
    }
    int tried = 0;
    int discarded = 0;
    String firstDiscard = null;
    for (Object value : values) {
      if (System.nanoTime() > deadline) {
        break;
      }
      tried++;
      String failure = check(spec, value);
      if (failure == null) {
        continue;
      }
      if (failure.startsWith(DISCARD)) {
        discarded++;
        if (firstDiscard == null) {
          firstDiscard = failure.substring(1);
        }
        continue;
      }
      long shrinkDeadline = Math.max(deadline, System.nanoTime() + Duration.ofSeconds(2).toNanos());
      ObjectShrinker.Shrunk shrunk =
          ObjectShrinker.shrink(
              value,
              failure,
              candidate -> {
                String f = check(spec, candidate);
                return f == null || f.startsWith(DISCARD) ? null : f;
              },
              Math.min(shrinkDeadline, System.nanoTime() + limit.toNanos() / 2 + 1));
      return result(
          spec,
          Verdict.FAIL,
          tried,
          discarded,
          ObjectRender.value(shrunk.value()),
          shrunk.failure());
    }
    if (tried > 0 && discarded == tried) {
      return result(
          spec,
          Verdict.NOT_RUN,
          tried,
          discarded,
          null,
          """
          the writing build's own setup cannot write and read back any generated value (%s): give \
          a generator of values it can carry, or a CachedTypesProvider with the registry \
          production uses"""
              .formatted(firstDiscard));
    }
    String notes = notes(spec);
    String limited =
        tried < values.size()
            ? "the time limit per cell ("
                + limit.toSeconds()
                + " s) stopped it after "
                + tried
                + " of "
                + values.size()
                + " tries"
            : null;
    String explanation = join(limited, notes.isEmpty() ? null : notes.substring(2));
    return result(spec, Verdict.PASS, tried, discarded, null, explanation);
  }

  private static @Nullable String join(@Nullable String a, @Nullable String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "; " + b;
  }

  private static String notes(Spec spec) {
    StringBuilder out = new StringBuilder();
    if (!spec.meaning().dropped().isEmpty()) {
      out.append("; dropped (the reader has no such field): ")
          .append(String.join(", ", spec.meaning().dropped()));
    }
    if (!spec.meaning().defaulted().isEmpty()) {
      out.append("; defaulted (the writer has no such field): ")
          .append(String.join(", ", spec.meaning().defaulted()));
    }
    if (spec.note() != null) {
      out.append("; ").append(spec.note());
    }
    return out.toString();
  }

  /** Null if the value passed, {@link #DISCARD} and why if the writer could not, else why not. */
  static @Nullable String check(Spec spec, Object value) {
    Object bytes;
    try {
      bytes = spec.write().apply(value);
    } catch (Exception | StackOverflowError | LinkageError e) {
      return DISCARD + spec.writer() + " cannot write it: " + message(e);
    }
    Object reference = value;
    if (spec.selfRead() != null) {
      try {
        reference = spec.selfRead().apply(bytes);
      } catch (Exception | StackOverflowError | LinkageError e) {
        return DISCARD + spec.writer() + " cannot read back its own payload: " + message(e);
      }
    }
    Object read;
    try {
      read = spec.read().apply(bytes);
    } catch (Exception | StackOverflowError | LinkageError e) {
      return spec.reader() + " cannot read it: " + message(e);
    }
    try {
      String d = spec.meaning().difference(reference, read, spec.readerType());
      return d == null ? null : spec.reader() + ": " + d;
    } catch (RuntimeException | StackOverflowError e) {
      return spec.reader() + ": the values cannot be compared: " + Outcome.failure(e).error();
    }
  }

  private static String message(Throwable e) {
    if (e instanceof PayloadException p) {
      return p.getClass().getSimpleName() + ": " + DefaultSetup.firstLine(p);
    }
    return Outcome.failure(e).error();
  }

  private static CellResult result(
      Spec spec,
      Verdict verdict,
      int tried,
      int discarded,
      @Nullable String counterexample,
      @Nullable String explanation) {
    return new CellResult(
        spec.group(),
        spec.writer(),
        spec.reader(),
        spec.codec(),
        verdict,
        tried,
        discarded,
        counterexample,
        explanation,
        null);
  }
}
