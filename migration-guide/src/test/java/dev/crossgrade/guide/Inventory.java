package dev.crossgrade.guide;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.LegacyPayloadException;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadHeader;
import java.util.Map;
import java.util.TreeMap;

/** The playbook's first step: what the values in the cache were written with. */
final class Inventory {
  private Inventory() {}

  // tag::inventory[]
  // Counts the formats of a sample of cached values: codec, schema version and writer tag.
  static Map<String, Integer> inventory(Iterable<byte[]> sample) {
    Map<String, Integer> formats = new TreeMap<>();
    for (byte[] value : sample) {
      String format;
      try {
        PayloadHeader header = PayloadHeader.read(value);
        format =
            header.codec().map(CodecDescriptor::name).orElse("user codec " + header.codecId())
                + "@v"
                + header.schemaVersion()
                + (header.writerTag() == null ? "" : " by " + header.writerTag());
      } catch (LegacyPayloadException e) {
        format = "legacy (no envelope)";
      } catch (PayloadException e) {
        format = "unreadable (" + e.kind().label() + ")";
      }
      formats.merge(format, 1, Integer::sum);
    }
    return formats;
  }
  // end::inventory[]
}
