package dev.crossgrade.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossgrade.codec.ReadableFormat;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reader-capability records: each runtime publishes, per keyspace, which codecs and schema
 * versions it reads, as a small JSON document under {@link KeyRouter#capabilityKey} with a TTL, and
 * refreshes it. A runtime whose record is present is live; writers read the records of the other
 * runtimes and never write a format that a live reader cannot read.
 */
final class CapabilityBoard {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RECORD_BYTES = 64 * 1024;

  private CapabilityBoard() {}

  /** A codec id and schema version. */
  record Format(int codecId, int schemaVersion) {
    static Format of(ReadableFormat format) {
      return new Format(format.codec().id(), format.schemaVersion());
    }
  }

  /**
   * One runtime's record for one keyspace.
   *
   * @param readable null when the record exists but cannot be parsed: live, reads nothing known
   */
  record Record(String runtime, int generation, @Nullable Set<Format> readable, String formats) {
    boolean reads(Format format) {
      return readable != null && readable.contains(format);
    }
  }

  /**
   * What this runtime knows about the other runtimes of a keyspace.
   *
   * @param records the live runtimes' records by runtime name; a runtime without one is not live
   * @param known false until the records were read once: then every other runtime is treated as
   *     live and reading nothing new
   */
  record View(Map<String, Record> records, boolean known) {
    static final View UNKNOWN = new View(Map.of(), false);
  }

  static byte[] encode(
      String runtime, int generation, String keyspace, List<ReadableFormat> formats) {
    ObjectNode root = JSON.createObjectNode();
    root.put("crossgrade", 1);
    root.put("runtime", runtime);
    root.put("generation", generation);
    root.put("keyspace", keyspace);
    ArrayNode list = root.putArray("reads");
    for (ReadableFormat format : formats) {
      ObjectNode entry = list.addObject();
      entry.put("codec", format.codec().name());
      entry.put("id", format.codec().id());
      entry.put("schema", format.schemaVersion());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("could not write a capability record", e);
    }
  }

  /** Parses a record; a damaged record is live but reads nothing (the safe reading). */
  static Record decode(String runtime, byte[] bytes) {
    if (bytes.length > MAX_RECORD_BYTES) {
      return new Record(runtime, -1, null, "unreadable record");
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null
          || !root.isObject()
          || !Objects.equals(root.path("runtime").asText(), runtime)) {
        return new Record(runtime, -1, null, "unreadable record");
      }
      Set<Format> formats = new HashSet<>();
      StringBuilder names = new StringBuilder();
      for (JsonNode entry : root.path("reads")) {
        int id = entry.path("id").asInt(-1);
        int schema = entry.path("schema").asInt(-1);
        if (id < 1 || id > 255 || schema < 0 || schema > 65_535) {
          continue;
        }
        formats.add(new Format(id, schema));
        names.append(names.length() == 0 ? "" : ", ");
        names.append(entry.path("codec").asText("?")).append("@v").append(schema);
      }
      return new Record(
          runtime, root.path("generation").asInt(-1), Set.copyOf(formats), names.toString());
    } catch (IOException | RuntimeException e) {
      return new Record(runtime, -1, null, "unreadable record");
    }
  }
}
