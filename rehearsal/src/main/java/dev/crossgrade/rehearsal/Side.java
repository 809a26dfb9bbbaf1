package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadObserver;
import dev.crossgrade.codec.kryo.Kryo4Codec;
import dev.crossgrade.codec.kryo.KryoCodec;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * One of the two runtimes of the rehearsal, as code: its value type and schema version, the codecs
 * and registries it is deployed with, and its view of the source of truth.
 *
 * <ul>
 *   <li>old ({@code shop-v1}): {@link ProductV1} (schema v1) in Kryo 4; reads and writes only that.
 *   <li>new ({@code shop-v2}): {@link ProductV2} (schema v2) in Kryo 5; reads Kryo 4 v1 too
 *       (upcaster), and writes Kryo 4 v1 through a downcaster where the old runtime reads.
 * </ul>
 *
 * Kryo 4 and Kryo 5 bodies cannot be read by the other generation, so without the framework the two
 * runtimes cannot share a key.
 *
 * @param <V> the value type
 */
final class Side<V> {
  /** The Kryo registration id of the product class, the same in both generations. */
  static final int PRODUCT_ID = 20;

  static final String OLD_RUNTIME = "shop-v1";
  static final String NEW_RUNTIME = "shop-v2";

  private final Role role;
  private final Class<V> type;
  private final Codec<V> codec;
  private final Function<PayloadObserver, CodecRegistry<V>> registry;
  private final @Nullable Function<PayloadObserver, CodecRegistry<V>> compatible;
  private final ValueAt<V> valueAt;
  private final ToLongFunction<V> version;
  private final Function<V, String> sku;

  /** Which runtime. */
  enum Role {
    OLD,
    NEW;

    String label() {
      return this == OLD ? "old" : "new";
    }
  }

  /** The truth's value of a key at a version, as this side's type. */
  interface ValueAt<V> {
    @Nullable V at(Catalog catalog, int index, long version);
  }

  private Side(
      Role role,
      Class<V> type,
      Codec<V> codec,
      Function<PayloadObserver, CodecRegistry<V>> registry,
      @Nullable Function<PayloadObserver, CodecRegistry<V>> compatible,
      ValueAt<V> valueAt,
      ToLongFunction<V> version,
      Function<V, String> sku) {
    this.role = role;
    this.type = type;
    this.codec = codec;
    this.registry = registry;
    this.compatible = compatible;
    this.valueAt = valueAt;
    this.version = version;
    this.sku = sku;
  }

  static Codec<ProductV1> kryo4() {
    return Kryo4Codec.newBuilder(ProductV1.class).register(ProductV1.class, PRODUCT_ID).build();
  }

  static Codec<ProductV2> kryo5() {
    return KryoCodec.newBuilder(ProductV2.class).register(ProductV2.class, PRODUCT_ID).build();
  }

  static Side<ProductV1> old() {
    Codec<ProductV1> kryo4 = kryo4();
    return new Side<>(
        Role.OLD,
        ProductV1.class,
        kryo4,
        observer ->
            CodecRegistry.newBuilder(ProductV1.class).writer(kryo4).observer(observer).build(),
        null,
        Catalog::v1,
        value -> value.version,
        value -> value.sku);
  }

  static Side<ProductV2> neu() {
    Codec<ProductV1> kryo4 = kryo4();
    Codec<ProductV2> kryo5 = kryo5();
    return new Side<>(
        Role.NEW,
        ProductV2.class,
        kryo5,
        observer ->
            CodecRegistry.newBuilder(ProductV2.class)
                .currentSchemaVersion(2)
                .reader(1, kryo4)
                .upcaster(1, ProductV1.class, ProductV2.class, ProductV2::up)
                .writer(kryo5)
                .observer(observer)
                .build(),
        observer ->
            CodecRegistry.newBuilder(ProductV2.class)
                .currentSchemaVersion(2)
                .reader(kryo5)
                .upcaster(1, ProductV1.class, ProductV2.class, ProductV2::up)
                .writer(1, kryo4, ProductV2::down)
                .observer(observer)
                .build(),
        Catalog::v2,
        value -> value.version,
        value -> value.sku);
  }

  static Side<?> of(Role role) {
    return role == Role.OLD ? old() : neu();
  }

  Role role() {
    return role;
  }

  /** The runtime's name in the rollout config. */
  String runtime() {
    return role == Role.OLD ? OLD_RUNTIME : NEW_RUNTIME;
  }

  /** The format this runtime writes, as {@code codec@vN}. */
  String format() {
    return format(role);
  }

  /** The format the runtime in {@code role} writes, as {@code codec@vN}. */
  static String format(Role role) {
    return role == Role.OLD ? "kryo4@v1" : "kryo5@v2";
  }

  Class<V> type() {
    return type;
  }

  /** The raw codec, without envelope: what a runtime without the framework writes and reads. */
  Codec<V> codec() {
    return codec;
  }

  CodecRegistry<V> registry(PayloadObserver observer) {
    return registry.apply(observer);
  }

  @Nullable CodecRegistry<V> compatibleRegistry(PayloadObserver observer) {
    return compatible == null ? null : compatible.apply(observer);
  }

  @Nullable V valueAt(Catalog catalog, int index, long version) {
    return valueAt.at(catalog, index, version);
  }

  long version(V value) {
    return version.applyAsLong(value);
  }

  String sku(V value) {
    return sku.apply(value);
  }
}
