package dev.crossgrade.compat;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One end of a cell in one runtime: a codec configuration that writes generic values to bytes or
 * reads bytes back to generic values. Sides are named so that a forked JDK worker can build the
 * same one (see {@link Sides#create(String)}).
 */
interface Side {
  /** The bytes for {@code value}; any exception means this side cannot write it. */
  byte[] write(Object value) throws Exception;

  /** The value for {@code bytes}; any exception means this side cannot read them. */
  @Nullable Object read(byte[] bytes) throws Exception;

  /** For a side of a struct type: what each field holds when the bytes do not have it. */
  default Map<String, @Nullable Object> defaults() {
    return Map.of();
  }
}
