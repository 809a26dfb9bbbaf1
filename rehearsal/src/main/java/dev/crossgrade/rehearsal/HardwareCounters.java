package dev.crossgrade.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine lets a process count hardware instructions: asks {@code perf stat -x, -e
 * instructions:u true} once and says what it answered. The rehearsal measures thread CPU time in
 * any case; this says whether instruction counts could be had here and, if not, why.
 */
final class HardwareCounters {
  private static final int MAX_OUTPUT = 64 * 1024;

  private HardwareCounters() {}

  /** What perf says about counting instructions here, as one sentence fragment. */
  static String probe() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return "not counted: perf, which counts them, is Linux only";
    }
    Process process;
    try {
      process =
          new ProcessBuilder(List.of("perf", "stat", "-x,", "-e", "instructions:u", "true"))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return "not counted: perf is not installed (Debian: linux-perf)";
    }
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "not counted: perf stat did not answer within 5 s";
      }
    } catch (IOException e) {
      return "not counted: perf stat could not be read (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return "not counted: interrupted while asking perf stat";
    }
    return describe(output, paranoid());
  }

  /** What perf's CSV output means; {@code paranoid} is kernel.perf_event_paranoid, or null. */
  static String describe(String output, String paranoid) {
    for (String line : output.lines().toList()) {
      String[] fields = line.split(",", -1);
      if (fields.length < 3 || !fields[2].startsWith("instructions")) {
        continue;
      }
      if (fields[0].contains("not supported")) {
        return "not counted: the kernel reports hardware instructions as not supported (perf stat"
            + " -e instructions: <not supported>; this machine exposes no hardware performance"
            + " counters, as is usual in a virtual machine)";
      }
      if (fields[0].contains("not counted")) {
        return "not counted: perf stat -e instructions counted nothing (<not counted>)";
      }
      if (fields[0].matches("\\d+")) {
        return "countable on this machine (perf stat -e instructions works), not taken by the"
            + " rehearsal, which measures thread CPU time";
      }
    }
    if (output.contains("ermission") || output.contains("paranoid")) {
      return "not counted: not allowed (kernel.perf_event_paranoid = " + paranoid + ")";
    }
    return "not counted: perf stat -e instructions gave no count (%s)"
        .formatted(output.strip().lines().findFirst().orElse("no output"));
  }

  private static String paranoid() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
