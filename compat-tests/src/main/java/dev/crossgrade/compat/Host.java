package dev.crossgrade.compat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a side runs: the harness's own JVM or a forked JDK worker. Both take batches, so a worker
 * pays one round trip per batch, not per value.
 */
interface Host {
  /** For reports, such as {@code JDK 17.0.16}. */
  String label();

  /** Has {@code side} write each value. */
  List<Outcome> write(String side, List<Object> values) throws IOException;

  /** Has {@code side} read each payload. */
  List<Outcome> read(String side, List<byte[]> payloads) throws IOException;

  /** Runs sides in the calling JVM. */
  final class InProcess implements Host {
    private final String label;
    private final java.util.function.Function<String, Side> sides;

    InProcess(String label) {
      this(label, Sides::create);
    }

    InProcess(String label, java.util.function.Function<String, Side> sides) {
      this.label = label;
      this.sides = sides;
    }

    @Override
    public String label() {
      return label;
    }

    @Override
    public List<Outcome> write(String side, List<Object> values) {
      return writeAll(sides.apply(side), values);
    }

    @Override
    public List<Outcome> read(String side, List<byte[]> payloads) {
      return readAll(sides.apply(side), payloads);
    }
  }

  static List<Outcome> writeAll(Side side, List<Object> values) {
    List<Outcome> out = new ArrayList<>(values.size());
    for (Object value : values) {
      try {
        out.add(Outcome.success(side.write(value)));
      } catch (Exception | StackOverflowError e) {
        out.add(Outcome.failure(e));
      }
    }
    return out;
  }

  static List<Outcome> readAll(Side side, List<byte[]> payloads) {
    List<Outcome> out = new ArrayList<>(payloads.size());
    for (byte[] payload : payloads) {
      try {
        @Nullable Object value = side.read(payload);
        out.add(Outcome.success(value));
      } catch (Exception | StackOverflowError e) {
        out.add(Outcome.failure(e));
      }
    }
    return out;
  }
}
