package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.ReportModel.CacheRow;
import dev.crossgrade.benchmarks.ReportModel.CanonicalRow;
import dev.crossgrade.benchmarks.ReportModel.CodecRow;
import dev.crossgrade.benchmarks.ReportModel.Op;
import dev.crossgrade.benchmarks.ReportModel.RouterRow;
import dev.crossgrade.benchmarks.ReportModel.Target;
import java.util.Locale;
import java.util.function.Function;

/** Renders a {@link ReportModel} as {@code RESULTS.md}. */
final class ReportMarkdown {
  private ReportMarkdown() {}

  static String render(ReportModel model) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    if (model.quick()) {
      md.append(
          "> **Smoke run (`--quick`)**: every benchmark ran once, briefly; the timings below mean"
              + " nothing.\n\n");
    }
    md.append("- Date: ").append(model.date()).append('\n');
    md.append("- Machine: ")
        .append(model.machine().cpu())
        .append(", ")
        .append(model.machine().cpus())
        .append(" CPUs, ")
        .append(model.machine().memory())
        .append(", ")
        .append(model.machine().os())
        .append('\n');
    md.append("- JDK: ").append(model.jdk()).append('\n');
    md.append("- Settings: ").append(model.jmh()).append('\n');
    md.append("- Command: `").append(model.command()).append("`\n\n");
    md.append(
        "Every ratio compares two paths measured in this one run; absolute times depend on the"
            + " machine and its load.\n\n");

    md.append("## Summary\n\n");
    md.append(summary(model)).append('\n');

    md.append("## Targets\n\n");
    md.append("| Target | Goal | Measured | Holds |\n|---|---|---|---|\n");
    for (Target target : model.targets()) {
      md.append("| ")
          .append(target.name())
          .append(" | ")
          .append(target.goal())
          .append(" | ")
          .append(target.measured())
          .append(" | ")
          .append(target.holds() == null ? "—" : target.holds() ? "yes" : "**no**")
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Codecs\n\n");
    md.append(
        "*Raw* is the library as a careful user calls it (same configuration, reused writer);"
            + " *envelope* is our `CodecRegistry`, the path a cache call takes (envelope, registry"
            + " and our codec, with its limit checks). Times in ns/op; *envelope/raw* is the ratio"
            + " of times; *overhead* is what the envelope and registry alone add (below) as a share"
            + " of the raw library's time; allocation in bytes/op (`-prof gc`). Our codec's body is"
            + " byte for byte the raw library's output (checked before measuring), so *bytes*"
            + " shows raw → payload.\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Envelope and registry alone (`EnvelopeBenchmark`, a codec that copies a fixed body):"
                + " encode of an empty body %s ns against %s ns for what a codec alone does around"
                + " it, so **+%s ns**; decode **%s ns**. With a 64 KiB body the registry's encode"
                + " allocates %s B/op against %s B/op for a codec alone, and its decode %s B/op: no"
                + " copy of the body.\n\n",
            nanos(model.envelope().encodeNs()),
            nanos(model.envelope().bufferNs()),
            nanos(model.envelope().encodeOverheadNs()),
            nanos(model.envelope().decodeNs()),
            bytes(model.envelope().largeEncodeAlloc()),
            bytes(model.envelope().largeBufferAlloc()),
            bytes(model.envelope().largeDecodeAlloc())));
    md.append("### Encode\n\n").append(codecTable(model, CodecRow::encode)).append('\n');
    md.append("### Decode\n\n").append(codecTable(model, CodecRow::decode)).append('\n');

    md.append("## Canonical JSON (RFC 8785)\n\n");
    md.append(
        "Our `CanonicalJson.canonicalize(byte[])` against"
            + " `io.github.erdtman:java-json-canonicalization` on UTF-8 input; `rfc8785` is one"
            + " operation over the six RFC 8785 test inputs, `order-10k` a realistic order"
            + " document. Both produce identical bytes on every input (checked before"
            + " measuring).\n\n");
    md.append(
        "| Input | Bytes | Ours ns | erdtman ns | Throughput ours/erdtman | Ours alloc B |"
            + " erdtman alloc B |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (CanonicalRow row : model.canonical()) {
      md.append("| ")
          .append(row.input())
          .append(" | ")
          .append(row.inputBytes())
          .append(" | ")
          .append(nanos(row.oursNs()))
          .append(" | ")
          .append(nanos(row.erdtmanNs()))
          .append(" | ")
          .append(times(row.speedup()))
          .append(" | ")
          .append(bytes(row.oursAlloc()))
          .append(" | ")
          .append(bytes(row.erdtmanAlloc()))
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Physical key\n\n");
    md.append(
        "`KeyRouter.physicalKey(\"media\", 2, key)` with prefix `shop`, against plain"
            + " concatenation of the same key (no validation). `hashed-64` has a space, so the"
            + " router replaces it by its SHA-256; concatenation would write an invalid key.\n\n");
    md.append(
        "| Logical key | physicalKey ns | Concatenation ns | physicalKey/concat | physicalKey"
            + " alloc B | Concat alloc B |\n|---|---:|---:|---:|---:|---:|\n");
    for (RouterRow row : model.router()) {
      md.append("| ")
          .append(row.key())
          .append(" | ")
          .append(nanos(row.routerNs()))
          .append(" | ")
          .append(nanos(row.concatNs()))
          .append(" | ")
          .append(ratio(row.routerPerConcat()))
          .append(" | ")
          .append(bytes(row.routerAlloc()))
          .append(" | ")
          .append(bytes(row.concatAlloc()))
          .append(" |\n");
    }
    md.append('\n');

    md.append("## Cache path\n\n");
    md.append(
        "`VersionedCache` against the raw client on the same server (memcached or redis-server on"
            + " loopback, started by the benchmark), for spymemcached, xmemcached and Lettuce"
            + " (`LettuceCachePathBenchmark`, no transport-only rows), 4 threads, a Kryo 5 MediaContent"
            + " payload of about 370 bytes under the same physical keys. The raw client moves the"
            + " payload bytes only; the cache also routes the key, decodes or encodes the value and"
            + " records metrics. *Transport* is our adapter of the client alone (no cache layer, no"
            + " decode), to show where the difference goes. A set in `SPLIT` also deletes the key"
            + " in the other generation, one in `DUAL_WRITE` writes both generations: each is"
            + " compared with one raw set. The async rows compare `getAsync`/`setAsync` with the"
            + " client's own async get (xmemcached has none: its get).\n\n");
    md.append(
        "| Client | Operation | VersionedCache ops/s | Transport ops/s | Raw client ops/s |"
            + " Throughput ours/raw | Target |\n|---|---|---:|---:|---:|---:|---|\n");
    for (CacheRow row : model.cache()) {
      Boolean holds = row.holds();
      md.append("| ")
          .append(row.client())
          .append(" | ")
          .append(row.operation())
          .append(" | ")
          .append(count(row.versionedOps()))
          .append(" | ")
          .append(count(row.transportOps()))
          .append(" | ")
          .append(count(row.rawOps()))
          .append(" | ")
          .append(times(row.versionedPerRaw()))
          .append(" | ")
          .append(
              Double.isNaN(row.target())
                  ? "—"
                  : "≥ " + times(row.target()) + (holds == null ? "" : holds ? " yes" : " **no**"))
          .append(" |\n");
    }
    if (!model.missing().isEmpty()) {
      md.append("\n## Missing\n\nThese benchmarks have no result in this run:\n\n");
      for (String name : model.missing()) {
        md.append("- ").append(name).append('\n');
      }
    }
    return md.toString();
  }

  /** One table: our path against the raw one, a row per area, ratios from this run. */
  static String summary(ReportModel model) {
    StringBuilder md = new StringBuilder();
    md.append("| Benchmark | Ours | Raw | Ours/raw | Target |\n|---|---:|---:|---:|---|\n");
    for (CodecRow row : model.codecs()) {
      if (!row.size().equals("media")) {
        continue;
      }
      for (String operation : new String[] {"encode", "decode"}) {
        Op op = operation.equals("encode") ? row.encode() : row.decode();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s %s, MediaContent (%d B payload) | %s ns | %s ns | %s time | overhead %s%%"
                    + " (≤ +5%%) |\n",
                row.codec(),
                operation,
                row.payloadBytes(),
                nanos(op.envelopeNs()),
                nanos(op.rawNs()),
                ratio(op.envelopePerRaw()),
                ReportModel.signedPercent(op.envelopeOverhead())));
      }
    }
    for (CanonicalRow row : model.canonical()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| Canonical JSON, %s (vs erdtman) | %s ns | %s ns | %s throughput | ≥ 2x |\n",
              row.input(),
              nanos(row.oursNs()),
              nanos(row.erdtmanNs()),
              times(row.speedup())));
    }
    for (RouterRow row : model.router()) {
      if (row.key().equals("ascii-64")) {
        md.append(
            String.format(
                Locale.ROOT,
                "| Physical key, 64-byte key (vs concatenation) | %s ns | %s ns | %s time | < 50"
                    + " ns |\n",
                nanos(row.routerNs()),
                nanos(row.concatNs()),
                ratio(row.routerPerConcat())));
      }
    }
    for (CacheRow row : model.cache()) {
      if (Double.isNaN(row.target())) {
        continue;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| Cache %s, %s, 4 threads (vs %s) | %s ops/s | %s ops/s | %s"
                  + " throughput | ≥ %s |\n",
              row.operation(),
              row.client().equals(ReportModel.LETTUCE) ? "Redis" : "memcached",
              row.client(),
              count(row.versionedOps()),
              count(row.rawOps()),
              times(row.versionedPerRaw()),
              times(row.target())));
    }
    return md.toString();
  }

  private static String codecTable(ReportModel model, Function<CodecRow, Op> which) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| Codec | Value | Bytes | Raw ns | Envelope ns | Envelope/raw | Overhead | Raw alloc B |"
            + " Envelope alloc B |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (CodecRow row : model.codecs()) {
      Op op = which.apply(row);
      md.append("| ")
          .append(row.codec())
          .append(" | ")
          .append(row.size())
          .append(" | ")
          .append(row.rawBytes())
          .append(" → ")
          .append(row.payloadBytes())
          .append(" | ")
          .append(nanos(op.rawNs()))
          .append(" | ")
          .append(nanos(op.envelopeNs()))
          .append(" | ")
          .append(ratio(op.envelopePerRaw()))
          .append(" | ")
          .append(
              Double.isNaN(op.envelopeOverhead())
                  ? "—"
                  : ReportModel.signedPercent(op.envelopeOverhead()) + "%")
          .append(" | ")
          .append(bytes(op.rawAlloc()))
          .append(" | ")
          .append(bytes(op.envelopeAlloc()))
          .append(" |\n");
    }
    return md.toString();
  }

  static String nanos(double ns) {
    if (Double.isNaN(ns)) {
      return "—";
    }
    return ns < 10
        ? String.format(Locale.ROOT, "%.1f", ns)
        : String.format(Locale.ROOT, "%,.0f", ns);
  }

  static String ratio(double ratio) {
    return Double.isNaN(ratio) || Double.isInfinite(ratio)
        ? "—"
        : String.format(Locale.ROOT, "%.2f", ratio);
  }

  static String times(double ratio) {
    return Double.isNaN(ratio) || Double.isInfinite(ratio)
        ? "—"
        : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  static String bytes(double bytes) {
    return Double.isNaN(bytes) ? "—" : String.format(Locale.ROOT, "%,.0f", bytes);
  }

  static String count(double count) {
    return Double.isNaN(count) ? "—" : String.format(Locale.ROOT, "%,.0f", count);
  }
}
