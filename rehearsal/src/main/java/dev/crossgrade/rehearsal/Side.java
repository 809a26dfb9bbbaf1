package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadObserver;
import dev.crossgrade.codec.kryo.Kryo4Codec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
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
 *       (upcaster), and writes Kryo 4 v1 through a downcaster where the old runtime reads; the
 *       {@link ProductPair} says which upcaster and downcaster.
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
  private final ProductPair pair;
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
      ProductPair pair,
      Class<V> type,
      Codec<V> codec,
      Function<PayloadObserver, CodecRegistry<V>> registry,
      @Nullable Function<PayloadObserver, CodecRegistry<V>> compatible,
      ValueAt<V> valueAt,
      ToLongFunction<V> version,
      Function<V, String> sku) {
    this.role = role;
    this.pair = pair;
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
    return Kryo5Codec.newBuilder(ProductV2.class).register(ProductV2.class, PRODUCT_ID).build();
  }

  /** The old runtime of the default pair. */
  static Side<ProductV1> old() {
    return old(ProductPair.DEFAULT);
  }

  /** The old runtime; it knows nothing of the pair, but its source of truth is the pair's. */
  static Side<ProductV1> old(ProductPair pair) {
    Codec<ProductV1> kryo4 = kryo4();
    return new Side<>(
        Role.OLD,
        pair,
        ProductV1.class,
        kryo4,
        observer ->
            CodecRegistry.newBuilder(ProductV1.class).writer(kryo4).observer(observer).build(),
        null,
        Catalog::v1,
        value -> value.version,
        value -> value.sku);
  }

  /** The new runtime of the default pair. */
  static Side<ProductV2> neu() {
    return neu(ProductPair.DEFAULT);
  }

  /** The new runtime with {@code pair}'s upcaster and downcaster. */
  static Side<ProductV2> neu(ProductPair pair) {
    Codec<ProductV1> kryo4 = kryo4();
    Codec<ProductV2> kryo5 = kryo5();
    Function<ProductV1, ProductV2> up =
        pair == ProductPair.LOSSY ? ProductV2::underivable : ProductV2::up;
    Function<ProductV2, ProductV1> down =
        pair == ProductPair.DEFAULT ? ProductV2::down : ProductV2::dropCurrency;
    return new Side<>(
        Role.NEW,
        pair,
        ProductV2.class,
        kryo5,
        observer ->
            CodecRegistry.newBuilder(ProductV2.class)
                .currentSchemaVersion(2)
                .reader(1, kryo4)
                .upcaster(1, ProductV1.class, ProductV2.class, up::apply)
                .writer(kryo5)
                .observer(observer)
                .build(),
        observer ->
            CodecRegistry.newBuilder(ProductV2.class)
                .currentSchemaVersion(2)
                .reader(kryo5)
                .upcaster(1, ProductV1.class, ProductV2.class, up::apply)
                .writer(1, kryo4, down::apply)
                .observer(observer)
                .build(),
        Catalog::v2,
        value -> value.version,
        value -> value.sku);
  }

  static Side<?> of(Role role, ProductPair pair) {
    return role == Role.OLD ? old(pair) : neu(pair);
  }

  Role role() {
    return role;
  }

  /** The pair the new runtime is deployed with, which also decides the source's currencies. */
  ProductPair pair() {
    return pair;
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
