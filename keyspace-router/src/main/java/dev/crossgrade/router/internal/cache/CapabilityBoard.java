package dev.crossgrade.router.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossgrade.codec.ReadableFormat;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Phase;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The reader-capability records: each runtime publishes, per keyspace, which generations it reads
 * and which codecs and schema versions it reads there, as a small JSON document under {@link
 * KeyRouter#capabilityKey} with a TTL, refreshed periodically and whenever what it reads changes.
 * Writers read the other runtime's record and never write a format that it cannot read where it
 * reads ({@link RolloutPlan}). A record is an ordinary cache entry, which a flush or a restart
 * removes: {@link PeerWatch} therefore remembers the last record seen, and only a record missing
 * for a whole TTL means the runtime is gone.
 */
public final class CapabilityBoard {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RECORD_BYTES = 64 * 1024;
  private static final int MAX_GENERATIONS = 16;

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
   * @param runtime the runtime
   * @param generation its own generation
   * @param readable the formats it reads, or null when the record cannot be parsed (then it reads
   *     nothing known: the safe reading)
   * @param formats the formats, as text for messages
   * @param generations the generations it reads now (empty in records that do not say)
   */
  record Record(
      String runtime,
      int generation,
      @Nullable Set<Format> readable,
      String formats,
      Set<Integer> generations) {
    Record {
      generations = Set.copyOf(generations);
    }

    boolean reads(Format format) {
      return readable != null && readable.contains(format);
    }
  }

  /** What is known of whether a runtime runs. */
  enum Liveness {
    /** No record was read since this process started, nor for long enough to say it is gone. */
    UNKNOWN,
    /** A record was read within the last capability TTL. */
    LIVE,
    /** No record for a whole capability TTL: the runtime stopped. */
    GONE
  }

  /**
   * What one runtime knows of another.
   *
   * @param liveness whether it runs
   * @param record its last record read, kept when the entry vanished (a flush, a restart); null
   *     when none was ever read
   */
  record PeerState(Liveness liveness, @Nullable Record record) {
    static final PeerState UNKNOWN = new PeerState(Liveness.UNKNOWN, null);
  }

  static byte[] encode(
      String runtime,
      int generation,
      String keyspace,
      Phase phase,
      List<Integer> generations,
      List<ReadableFormat> formats) {
    ObjectNode root = JSON.createObjectNode();
    root.put("crossgrade", 1);
    root.put("runtime", runtime);
    root.put("generation", generation);
    root.put("keyspace", keyspace);
    root.put("phase", phase.label());
    ArrayNode readsIn = root.putArray("readsGenerations");
    generations.forEach(readsIn::add);
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
    Record unreadable = new Record(runtime, -1, null, "unreadable record", Set.of());
    if (bytes.length > MAX_RECORD_BYTES) {
      return unreadable;
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null
          || !root.isObject()
          || !Objects.equals(root.path("runtime").asText(), runtime)) {
        return unreadable;
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
      Set<Integer> generations = new TreeSet<>();
      for (JsonNode g : root.path("readsGenerations")) {
        if (g.canConvertToInt() && g.asInt() >= 0 && generations.size() < MAX_GENERATIONS) {
          generations.add(g.asInt());
        }
      }
      return new Record(
          runtime,
          root.path("generation").asInt(-1),
          Set.copyOf(formats),
          names.toString(),
          generations);
    } catch (IOException | RuntimeException e) {
      return unreadable;
    }
  }
}
