package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.crossgrade.codec.Limits;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Jackson {@link JsonFactory} per {@link Limits}, each with its own stream constraints set from
 * the limits (never Jackson's process-wide defaults), strict JSON reading, and JDK-independent
 * number writing. Owned by one codec; thread-safe.
 */
final class JsonFactories {
  /** The longest number token, Jackson's default; {@link Limits} has no setting for it. */
  static final int MAX_NUMBER_LENGTH = 1000;

  private static final int MAX_CACHED = 32;

  private final JsonFactory template;
  private final ConcurrentHashMap<Limits, JsonFactory> byLimits = new ConcurrentHashMap<>();

  /** Factories derived from {@code template}, which must not be used directly. */
  JsonFactories(JsonFactory template) {
    this.template = template;
  }

  /** A template factory with the settings every codec of this module shares. */
  static JsonFactory newTemplate() {
    return JsonFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // no payload bytes in messages
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER) // Schubfach: same digits on every JDK
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
        .build();
  }

  /** The factory for {@code limits}. */
  JsonFactory forLimits(Limits limits) {
    JsonFactory factory = byLimits.get(limits);
    if (factory != null) {
      return factory;
    }
    if (byLimits.size() >= MAX_CACHED) {
      byLimits.clear(); // callers normally use one or two Limits; never grow without bound
    }
    return byLimits.computeIfAbsent(limits, this::create);
  }

  private JsonFactory create(Limits limits) {
    StreamReadConstraints read =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxStringLength())
            .maxDocumentLength(limits.maxPayloadSize())
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build();
    StreamWriteConstraints write =
        StreamWriteConstraints.builder().maxNestingDepth(limits.maxDepth()).build();
    return template.rebuild().streamReadConstraints(read).streamWriteConstraints(write).build();
  }
}
