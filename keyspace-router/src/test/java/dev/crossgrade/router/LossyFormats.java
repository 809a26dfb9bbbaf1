package dev.crossgrade.router;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnderivableValueException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A lossy pair, as a new user wrote it: {@code Product} v1 (name, price) becomes v2 (the name
 * renamed title, a currency added). The downcaster drops the currency, which v1 has no place for;
 * the user's upcaster guesses "EUR", an honest one throws {@link UnderivableValueException}.
 */
final class LossyFormats {
  static final CodecDescriptor V1 = CodecDescriptor.of(0x82, "product-v1", "product-v1", 1);
  static final CodecDescriptor V2 = CodecDescriptor.of(0x83, "product-v2", "product-v2", 1);

  private LossyFormats() {}

  record ProductV1(String id, long version, String name, long priceCents) {}

  record ProductV2(String id, long version, String title, long priceCents, String currency) {}

  /** The user's upcaster: a currency it cannot know, guessed. */
  static ProductV2 guess(ProductV1 old) {
    return new ProductV2(old.id(), old.version(), old.name(), old.priceCents(), "EUR");
  }

  /** An honest upcaster: v1 does not say the currency. */
  static ProductV2 cannotDerive(ProductV1 old) {
    throw new UnderivableValueException("currency", "schema v1 has no currency");
  }

  static ProductV1 down(ProductV2 product) {
    return new ProductV1(product.id(), product.version(), product.title(), product.priceCents());
  }

  static CodecRegistry<ProductV1> oldRegistry() {
    return CodecRegistry.newBuilder(ProductV1.class).writer(new V1Codec()).build();
  }

  static CodecRegistry<ProductV2> newRegistry(Function<ProductV1, ProductV2> upcaster) {
    return CodecRegistry.newBuilder(ProductV2.class)
        .currentSchemaVersion(2)
        .reader(1, new V1Codec())
        .upcaster(1, ProductV1.class, ProductV2.class, upcaster::apply)
        .writer(new V2Codec())
        .build();
  }

  static CodecRegistry<ProductV2> compatibleRegistry(Function<ProductV1, ProductV2> upcaster) {
    return CodecRegistry.newBuilder(ProductV2.class)
        .currentSchemaVersion(2)
        .reader(new V2Codec())
        .reader(1, new V1Codec())
        .upcaster(1, ProductV1.class, ProductV2.class, upcaster::apply)
        .writer(1, new V1Codec(), LossyFormats::down)
        .build();
  }

  static String yaml(String prefix, Phase phase, int percent) {
    return """
        version: 1
        prefix: %s
        capabilities: {ttl: 30s, refresh: 10s}
        leaseTtl: 5s
        transport: {timeout: 500ms}
        codecs:
          - {name: product-v1, id: 0x82}
          - {name: product-v2, id: 0x83}
        runtimes:
          - {name: shop-v1, generation: 1}
          - {name: shop-v2, generation: 2}
        keyspaces:
          - name: products
            from: shop-v1
            to: shop-v2
            phase: %s
            ttl: 10m
            writer: {codec: product-v2, schemaVersion: 2, percent: %d, stickiness: key}
        """
        .formatted(prefix, phase, percent);
  }

  private static String[] fields(byte[] bytes, int offset, int length, int count, Limits limits) {
    limits.checkClaimedBytes(length, length, "$");
    String[] parts = new String(bytes, offset, length, StandardCharsets.UTF_8).split("\0", -1);
    if (parts.length != count) {
      throw new CorruptPayloadException("product body has " + parts.length + " fields");
    }
    return parts;
  }

  private static void write(PayloadBuffer out, Object... fields) {
    StringBuilder text = new StringBuilder();
    for (Object field : fields) {
      text.append(text.length() == 0 ? "" : "\0").append(field);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new CorruptPayloadException("not a number: " + text);
    }
  }

  static final class V1Codec implements Codec<ProductV1> {
    @Override
    public CodecDescriptor descriptor() {
      return V1;
    }

    @Override
    public Class<ProductV1> valueType() {
      return ProductV1.class;
    }

    @Override
    public void encode(ProductV1 value, PayloadBuffer out, Limits limits) {
      write(out, value.id(), value.version(), value.name(), value.priceCents());
    }

    @Override
    public ProductV1 decode(byte[] bytes, int offset, int length, Limits limits) {
      String[] f = fields(bytes, offset, length, 4, limits);
      return new ProductV1(f[0], number(f[1]), f[2], number(f[3]));
    }
  }

  static final class V2Codec implements Codec<ProductV2> {
    @Override
    public CodecDescriptor descriptor() {
      return V2;
    }

    @Override
    public Class<ProductV2> valueType() {
      return ProductV2.class;
    }

    @Override
    public void encode(ProductV2 value, PayloadBuffer out, Limits limits) {
      write(out, value.id(), value.version(), value.title(), value.priceCents(), value.currency());
    }

    @Override
    public ProductV2 decode(byte[] bytes, int offset, int length, Limits limits) {
      String[] f = fields(bytes, offset, length, 5, limits);
      return new ProductV2(f[0], number(f[1]), f[2], number(f[3]), f[4]);
    }
  }
}
