package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A sample cached value: a record with nested records, lists, maps and extreme numbers. */
record Order(
    String id,
    long quantity,
    double price,
    float ratio,
    BigInteger serial,
    Status status,
    List<Line> lines,
    Map<String, Long> counters,
    Map<String, @Nullable Object> attributes,
    @Nullable String note) {

  /** A line of an order. */
  record Line(String sku, int qty, List<@Nullable String> tags) {}

  /** The state of an order; values a reader does not know become {@link #UNKNOWN}. */
  enum Status {
    NEW,
    PAID,
    SHIPPED,
    @JsonEnumDefaultValue
    UNKNOWN
  }
}
