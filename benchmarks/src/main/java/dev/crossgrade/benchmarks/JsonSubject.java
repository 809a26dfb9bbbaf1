package dev.crossgrade.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crossgrade.benchmarks.MediaRecords.MediaContent;
import dev.crossgrade.codec.jackson.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON through Jackson databind: raw is a plain {@link JsonMapper} with properties sorted by name
 * (as our codec sorts them, so both write the same bytes) and a reused reader and writer.
 */
final class JsonSubject extends Subject<MediaContent> {
  private final ObjectWriter writer;
  private final ObjectReader reader;

  JsonSubject(Shape shape) {
    super("json", MediaRecords.of(shape), JsonCodec.newBuilder(MediaContent.class).build());
    JsonMapper mapper =
        JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    writer = mapper.writerFor(MediaContent.class);
    reader = mapper.readerFor(MediaContent.class);
  }

  @Override
  byte[] encodeRaw() {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  MediaContent decodeRaw(byte[] bytes) {
    try {
      return reader.readValue(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
