package dev.crossgrade.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads every registered codec and schema version of one value type, and writes exactly one. Built
 * once by {@link #newBuilder(Class)}, immutable and thread-safe.
 *
 * <p>A payload written with an older schema version is decoded by the reader registered for that
 * version and then upcast step by step (v1 to v2 to v3) to the current version. A registry can
 * instead write an older schema version through a downcaster, so that a new runtime writes what an
 * old one reads.
 *
 * <p>Over 500 lines, on purpose: the builder's checks (one reader per codec and version, a gap-free
 * upcaster chain, a downcaster's target, the writer's version) are the registry's invariants, kept
 * next to the registry they make valid.
 *
 * @param <T> the value type, at the current schema version
 */
public final class CodecRegistry<T> {
  private final Class<T> valueType;
  private final int currentSchemaVersion;
  private final Reader[] readers;
  private final Codec<Object> writer;
  private final int writerSchemaVersion;
  private final @Nullable Function<? super T, ?> downcaster;
  private final Envelope.Settings settings;
  private final Limits limits;
  private final @Nullable LegacyReader<? extends T> legacyReader;
  private final PayloadObserver observer;
  private final boolean observing;
  private final long maxPayloadSize;
  private volatile int sizeHint = 256;

  private CodecRegistry(Builder<T> builder, Reader[] readers) {
    this.valueType = builder.valueType;
    this.currentSchemaVersion = builder.currentSchemaVersion;
    this.readers = readers;
    this.writer = Objects.requireNonNull(builder.writer);
    this.writerSchemaVersion = builder.writerSchemaVersion;
    this.downcaster = builder.downcaster;
    this.limits = builder.limits;
    this.legacyReader = builder.legacyReader;
    this.observer = builder.observer;
    this.observing = builder.observer != PayloadObserver.NONE;
    this.maxPayloadSize = builder.limits.maxPayloadSize();
    this.settings =
        new Envelope.Settings(
            writer.descriptor().id(),
            writerSchemaVersion,
            builder.checksum,
            builder.writerTag,
            builder.compression,
            builder.compressionThreshold);
  }

  /** Starts a registry for values of {@code valueType}. */
  public static <T> Builder<T> newBuilder(Class<T> valueType) {
    return new Builder<>(valueType);
  }

  /** The value type, at the current schema version. */
  public Class<T> valueType() {
    return valueType;
  }

  /** The schema version of {@link #valueType()} that decoded values are upcast to. */
  public int currentSchemaVersion() {
    return currentSchemaVersion;
  }

  /** The codec every payload is written with. */
  public CodecDescriptor writerCodec() {
    return writer.descriptor();
  }

  /** The schema version every payload is written with. */
  public int writerSchemaVersion() {
    return writerSchemaVersion;
  }

  /** The limits enforced on every payload. */
  public Limits limits() {
    return limits;
  }

  /** Every codec and schema version this registry reads, in codec id and version order. */
  public List<ReadableFormat> readableFormats() {
    List<ReadableFormat> formats = new ArrayList<>();
    for (Reader reader : readers) {
      formats.add(new ReadableFormat(reader.descriptor, reader.schemaVersion));
    }
    return List.copyOf(formats);
  }

  /** Whether this registry has a legacy reader for payloads without an envelope. */
  public boolean readsLegacyPayloads() {
    return legacyReader != null;
  }

  /**
   * Writes a value as a payload with the configured codec and schema version.
   *
   * @throws UnencodableValueException if the codec cannot represent the value
   * @throws LimitExceededException if the payload would be over the limits
   */
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    long start = observing ? System.nanoTime() : 0L;
    Object body = value;
    if (downcaster != null) {
      try {
        body = downcaster.apply(value);
      } catch (RuntimeException e) {
        throw new UnencodableValueException(
            "downcaster to schema version " + writerSchemaVersion + " failed: " + e,
            settings.codecId(),
            writerSchemaVersion,
            e);
      }
      if (body == null) {
        throw new UnencodableValueException(
            "downcaster to schema version " + writerSchemaVersion + " returned null",
            settings.codecId(),
            writerSchemaVersion,
            null);
      }
    }
    PayloadBuffer buffer = new PayloadBuffer(sizeHint, limits.maxPayloadSize());
    Envelope.reserve(buffer, settings);
    try {
      writer.encode(body, buffer, limits);
    } catch (PayloadException e) {
      throw PayloadException.withContext(e, writer.descriptor(), writerSchemaVersion);
    } catch (RuntimeException | StackOverflowError e) {
      throw new UnencodableValueException(
          "codec "
              + writer.descriptor().name()
              + " could not write a "
              + body.getClass().getName()
              + ": "
              + e,
          settings.codecId(),
          writerSchemaVersion,
          e);
    }
    byte[] payload = Envelope.seal(buffer, settings);
    int size = payload.length;
    if (size > sizeHint || size < sizeHint / 4) {
      sizeHint = Math.max(64, size + (size >>> 2));
    }
    if (observing) {
      notifyEncoded(size, System.nanoTime() - start);
    }
    return payload;
  }

  /**
   * Reads a payload, upcasting it to the current schema version.
   *
   * @throws PayloadException if the payload cannot be read, with the reason
   */
  public T decode(byte[] payload) {
    return decode(payload, 0, payload.length);
  }

  /** Reads the payload at {@code bytes[offset, offset + length)}. */
  public T decode(byte[] bytes, int offset, int length) {
    return read(bytes, offset, length).value();
  }

  /** Reads a payload, turning any {@link PayloadException} into a {@link DecodeOutcome.Miss}. */
  public DecodeOutcome<T> tryDecode(byte[] payload) {
    try {
      return read(payload, 0, payload.length);
    } catch (PayloadException e) {
      return new DecodeOutcome.Miss<>(e);
    }
  }

  private DecodeOutcome.Hit<T> read(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    long start = observing ? System.nanoTime() : 0L;
    try {
      Reader reader = plainReader(bytes, offset, length);
      if (reader != null) {
        int bodyOffset = offset + Envelope.FIXED_HEADER;
        return readBody(reader, bytes, bodyOffset, length - Envelope.FIXED_HEADER, length, start);
      }
      Envelope.Frame frame = Envelope.parse(bytes, offset, length, limits);
      if (frame == null) {
        return readLegacy(bytes, offset, length, start);
      }
      PayloadHeader header = frame.header();
      reader = find(header.codecId(), header.schemaVersion());
      return readBody(reader, frame.body(), frame.bodyOffset(), frame.bodyLength(), length, start);
    } catch (PayloadException e) {
      if (observing) {
        notifyFailed(e, length);
      }
      throw e;
    }
  }

  /**
   * The reader of a plain payload (no checksum, writer tag or compression) within the size limit
   * whose fixed header names one of the readers, or null for any other payload, which {@link
   * Envelope#parse} then reads and checks in full. For a plain payload both find the same reader
   * and body; this way costs one comparison per reader instead of a parse.
   */
  private @Nullable Reader plainReader(byte[] bytes, int offset, int length) {
    if (length < Envelope.FIXED_HEADER || length > maxPayloadSize) {
      return null;
    }
    long header = Envelope.fixedHeaderAt(bytes, offset);
    for (Reader reader : readers) {
      if (reader.plainHeader == header) {
        return reader;
      }
    }
    return null;
  }

  private DecodeOutcome.Hit<T> readBody(
      Reader reader, byte[] body, int bodyOffset, int bodyLength, int length, long start) {
    int codecId = reader.codecId;
    int schemaVersion = reader.schemaVersion;
    Object value;
    try {
      value = reader.codec.decode(body, bodyOffset, bodyLength, limits);
    } catch (PayloadException e) {
      throw PayloadException.withContext(e, reader.descriptor, schemaVersion);
    } catch (RuntimeException | StackOverflowError e) {
      throw new CorruptPayloadException(
          "codec " + reader.descriptor.name() + " could not read the body: " + e,
          codecId,
          reader.descriptor.name(),
          schemaVersion,
          e);
    }
    T result = upcast(reader, value, codecId, schemaVersion);
    if (observing) {
      notifyDecoded(reader, length, System.nanoTime() - start);
    }
    return new DecodeOutcome.Hit<>(
        result, reader.descriptor, schemaVersion, reader.chain.length > 0);
  }

  private DecodeOutcome.Hit<T> readLegacy(byte[] bytes, int offset, int length, long start) {
    LegacyReader<? extends T> legacy = legacyReader;
    if (legacy == null) {
      throw new LegacyPayloadException(
          String.format(
              "payload starts with %s, not the envelope magic c1 47, and no legacy reader is"
                  + " configured for %s (CodecRegistry.Builder.legacyReader)",
              hexPrefix(bytes, offset, length), valueType.getName()));
    }
    T value;
    try {
      value = legacy.read(bytes, offset, length, limits);
    } catch (PayloadException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new CorruptPayloadException(
          "legacy reader " + legacy.descriptor().name() + " could not read the payload: " + e,
          0,
          -1,
          e);
    }
    if (!valueType.isInstance(value)) {
      throw new CorruptPayloadException(
          "legacy reader "
              + legacy.descriptor().name()
              + " produced "
              + (value == null ? "null" : value.getClass().getName())
              + ", not a "
              + valueType.getName());
    }
    if (observing) {
      safely(() -> observer.decoded(legacy.descriptor(), -1, 0, length, System.nanoTime() - start));
    }
    return new DecodeOutcome.Hit<>(value, legacy.descriptor(), -1, false);
  }

  private Reader find(int codecId, int schemaVersion) {
    boolean codecKnown = false;
    for (Reader reader : readers) {
      if (reader.codecId == codecId) {
        if (reader.schemaVersion == schemaVersion) {
          return reader;
        }
        codecKnown = true;
      }
    }
    String readable =
        readableFormats().stream().map(ReadableFormat::toString).collect(Collectors.joining(", "));
    if (!codecKnown) {
      throw new UnknownCodecException(
          "codec "
              + WellKnownCodecs.describe(codecId)
              + " is not registered for "
              + valueType.getName()
              + " in this runtime, which reads "
              + readable,
          codecId,
          schemaVersion,
          null);
    }
    if (schemaVersion > currentSchemaVersion) {
      throw new UnsupportedSchemaVersionException(
          "schema version "
              + schemaVersion
              + " of "
              + valueType.getName()
              + " is newer than this runtime knows (current "
              + currentSchemaVersion
              + "): hold the writer back until every reader is upgraded",
          codecId,
          schemaVersion,
          null);
    }
    throw new UnsupportedSchemaVersionException(
        "no reader for schema version "
            + schemaVersion
            + " of "
            + valueType.getName()
            + " with this codec; this runtime reads "
            + readable,
        codecId,
        schemaVersion,
        null);
  }

  private T upcast(Reader reader, @Nullable Object decoded, int codecId, int schemaVersion) {
    if (decoded == null) {
      throw new CorruptPayloadException(
          "codec " + reader.descriptor.name() + " decoded null", codecId, schemaVersion, null);
    }
    Object value = decoded;
    for (Step step : reader.chain) {
      value = step.apply(value, codecId, schemaVersion);
    }
    return valueType.cast(value);
  }

  private void notifyEncoded(int size, long nanos) {
    safely(() -> observer.encoded(writer.descriptor(), writerSchemaVersion, size, nanos));
  }

  private void notifyDecoded(Reader reader, int size, long nanos) {
    safely(
        () ->
            observer.decoded(
                reader.descriptor, reader.schemaVersion, reader.chain.length, size, nanos));
  }

  private void notifyFailed(PayloadException e, int size) {
    safely(() -> observer.decodeFailed(e, size));
  }

  private static void safely(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException ignored) {
      // A broken observer must not break reads or writes.
    }
  }

  private static String hexPrefix(byte[] bytes, int offset, int length) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(4, length); i++) {
      hex.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[offset + i] & 0xFF));
    }
    return hex.toString();
  }

  @Override
  public String toString() {
    return "CodecRegistry{"
        + valueType.getName()
        + " v"
        + currentSchemaVersion
        + ", writes "
        + writer.descriptor().name()
        + "@v"
        + writerSchemaVersion
        + ", reads "
        + readableFormats()
        + "}";
  }

  /** One codec reading one schema version, and the upcasters from there to the current version. */
  private static final class Reader {
    final int codecId;
    final int schemaVersion;
    final Codec<?> codec;
    final CodecDescriptor descriptor;
    final Step[] chain;
    // The fixed header of this reader's plain payloads (Envelope.plainHeader).
    final long plainHeader;

    Reader(int schemaVersion, Codec<?> codec, Step[] chain) {
      this.descriptor = codec.descriptor();
      this.codecId = descriptor.id();
      this.schemaVersion = schemaVersion;
      this.codec = codec;
      this.chain = chain;
      this.plainHeader = Envelope.plainHeader(codecId, schemaVersion);
    }
  }

  /** One upcaster, from {@code fromVersion} to {@code fromVersion + 1}. */
  private record Step(int fromVersion, Class<?> from, Class<?> to, Function<Object, ?> function) {
    Object apply(Object value, int codecId, int schemaVersion) {
      if (!from.isInstance(value)) {
        throw new CorruptPayloadException(
            "upcaster from schema version "
                + fromVersion
                + " expects "
                + from.getName()
                + " but got "
                + value.getClass().getName(),
            codecId,
            schemaVersion,
            null);
      }
      Object result;
      try {
        result = function.apply(value);
      } catch (UnderivableValueException e) {
        throw new UnderivableValueException(
            e.field(),
            e.reason() + " (upcaster from schema version " + fromVersion + ")",
            codecId,
            null,
            schemaVersion,
            e);
      } catch (RuntimeException e) {
        throw new CorruptPayloadException(
            "upcaster from schema version " + fromVersion + " failed: " + e,
            codecId,
            schemaVersion,
            e);
      }
      if (!to.isInstance(result)) {
        throw new CorruptPayloadException(
            "upcaster from schema version "
                + fromVersion
                + " returned "
                + (result == null ? "null" : result.getClass().getName())
                + ", not "
                + to.getName(),
            codecId,
            schemaVersion,
            null);
      }
      return result;
    }
  }

  /**
   * Builds a {@link CodecRegistry}. Single-valued settings may be set once; {@link #build()}
   * validates the whole.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final Class<T> valueType;
    private int currentSchemaVersion = 1;
    private boolean currentSchemaVersionSet;
    private final List<ReaderSpec> readers = new ArrayList<>();
    private final TreeMap<Integer, Step> steps = new TreeMap<>();
    private @Nullable Codec<Object> writer;
    private int writerSchemaVersion = -1;
    private @Nullable Function<? super T, ?> downcaster;
    private Limits limits = Limits.defaults();
    private boolean limitsSet;
    private boolean checksum;
    private boolean checksumSet;
    private byte @Nullable [] writerTag;
    private Compression compression = Compression.NONE;
    private int compressionThreshold = Integer.MAX_VALUE;
    private boolean compressionSet;
    private @Nullable LegacyReader<? extends T> legacyReader;
    private PayloadObserver observer = PayloadObserver.NONE;
    private boolean observerSet;

    private Builder(Class<T> valueType) {
      this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** The schema version of the value type as this runtime knows it, 0 to 65535; default 1. */
    public Builder<T> currentSchemaVersion(int version) {
      BuilderChecks.requireUnset(currentSchemaVersionSet, "currentSchemaVersion");
      checkVersion(version);
      this.currentSchemaVersion = version;
      this.currentSchemaVersionSet = true;
      return this;
    }

    /** Adds a codec that reads payloads of the current schema version. */
    public Builder<T> reader(Codec<? extends T> codec) {
      readers.add(new ReaderSpec(null, Objects.requireNonNull(codec, "codec")));
      return this;
    }

    /**
     * Adds a codec that reads payloads of an older (or the current) schema version; values it
     * produces are upcast to the current version by the {@link #upcaster upcasters}.
     */
    public Builder<T> reader(int schemaVersion, Codec<?> codec) {
      checkVersion(schemaVersion);
      readers.add(new ReaderSpec(schemaVersion, Objects.requireNonNull(codec, "codec")));
      return this;
    }

    /**
     * Adds the upcaster from {@code fromVersion} to {@code fromVersion + 1}.
     *
     * @param from the type values of {@code fromVersion} are decoded as
     * @param to the type values of {@code fromVersion + 1} have
     */
    public <A, B> Builder<T> upcaster(
        int fromVersion, Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {
      checkVersion(fromVersion);
      if (steps.containsKey(fromVersion)) {
        throw new IllegalStateException(
            "upcaster from schema version " + fromVersion + " was already set");
      }
      Objects.requireNonNull(step, "step");
      Function<Object, ?> erased = value -> step.apply(from.cast(value));
      steps.put(fromVersion, new Step(fromVersion, from, to, erased));
      return this;
    }

    /** The codec that writes every payload, at the current schema version; it also reads them. */
    @SuppressWarnings("unchecked")
    public Builder<T> writer(Codec<T> codec) {
      BuilderChecks.requireUnset(writer != null, "writer");
      this.writer = (Codec<Object>) Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * The codec that writes every payload at an older schema version, through a downcaster, so that
     * runtimes that know only that version can read them. It also reads them, upcast back.
     */
    @SuppressWarnings("unchecked")
    public <S> Builder<T> writer(
        int schemaVersion, Codec<S> codec, Function<? super T, ? extends S> downcaster) {
      BuilderChecks.requireUnset(writer != null, "writer");
      checkVersion(schemaVersion);
      this.writer = (Codec<Object>) Objects.requireNonNull(codec, "codec");
      this.writerSchemaVersion = schemaVersion;
      this.downcaster = Objects.requireNonNull(downcaster, "downcaster");
      return this;
    }

    /** The limits enforced on every payload; default {@link Limits#defaults()}. */
    public Builder<T> limits(Limits limits) {
      BuilderChecks.requireUnset(limitsSet, "limits");
      this.limits = Objects.requireNonNull(limits, "limits");
      this.limitsSet = true;
      return this;
    }

    /**
     * Whether written payloads carry a CRC32C; default false. Payloads that have one are verified.
     */
    public Builder<T> checksum(boolean enabled) {
      BuilderChecks.requireUnset(checksumSet, "checksum");
      this.checksum = enabled;
      this.checksumSet = true;
      return this;
    }

    /**
     * Compresses bodies of at least {@code minimumBodySize} bytes, when that makes them smaller.
     */
    public Builder<T> compression(Compression compression, int minimumBodySize) {
      BuilderChecks.requireUnset(compressionSet, "compression");
      if (minimumBodySize < 0) {
        throw new IllegalArgumentException(
            "minimumBodySize cannot be negative: " + minimumBodySize);
      }
      this.compression = Objects.requireNonNull(compression, "compression");
      this.compressionThreshold = minimumBodySize;
      this.compressionSet = true;
      return this;
    }

    /**
     * Tags every written payload with the runtime that wrote it: 1 to 255 printable ASCII chars.
     */
    public Builder<T> writerTag(String tag) {
      BuilderChecks.requireUnset(writerTag != null, "writerTag");
      this.writerTag = Envelope.writerTagBytes(tag);
      return this;
    }

    /** Reads payloads without an envelope, written before Crossgrade. */
    public Builder<T> legacyReader(LegacyReader<? extends T> reader) {
      BuilderChecks.requireUnset(legacyReader != null, "legacyReader");
      this.legacyReader = Objects.requireNonNull(reader, "reader");
      return this;
    }

    /** Receives an event for every payload; default none. */
    public Builder<T> observer(PayloadObserver observer) {
      BuilderChecks.requireUnset(observerSet, "observer");
      this.observer = Objects.requireNonNull(observer, "observer");
      this.observerSet = true;
      return this;
    }

    /**
     * Validates the whole and returns the registry.
     *
     * @throws IllegalStateException if there is no writer, two codecs read the same id and version,
     *     a reader's upcast chain to the current version is missing or ill-typed, or an upcaster
     *     has no reader of its source version (or an older one) to take values from
     */
    public CodecRegistry<T> build() {
      Codec<Object> writerCodec = writer;
      if (writerCodec == null) {
        throw new IllegalStateException(
            "no writer: call writer(codec) on the builder of " + valueType.getName());
      }
      if (writerSchemaVersion < 0) {
        writerSchemaVersion = currentSchemaVersion;
        if (!valueType.isAssignableFrom(writerCodec.valueType())) {
          throw new IllegalStateException(
              "writer "
                  + writerCodec.descriptor().name()
                  + " writes "
                  + writerCodec.valueType().getName()
                  + ", not "
                  + valueType.getName());
        }
      }
      if (writerSchemaVersion > currentSchemaVersion) {
        throw new IllegalStateException(
            "writer schema version "
                + writerSchemaVersion
                + " is newer than the current version "
                + currentSchemaVersion);
      }
      Integer lastStep = steps.isEmpty() ? null : steps.lastKey();
      if (lastStep != null && lastStep >= currentSchemaVersion) {
        throw new IllegalStateException(
            "upcaster from schema version "
                + lastStep
                + " goes past the current version "
                + currentSchemaVersion);
      }
      List<Reader> built = new ArrayList<>();
      for (ReaderSpec entry : readers) {
        Integer version = entry.schemaVersion();
        addReader(built, version == null ? currentSchemaVersion : version, entry.codec());
      }
      if (findBuilt(built, writerCodec.descriptor().id(), writerSchemaVersion) == null) {
        addReader(built, writerSchemaVersion, writerCodec);
      }
      requireReaderFor(steps.keySet(), built);
      built.sort(
          Comparator.<Reader>comparingInt(r -> r.codecId).thenComparingInt(r -> r.schemaVersion));
      return new CodecRegistry<>(this, built.toArray(new Reader[0]));
    }

    /** A reader as given: its schema version, or null for the current one (known at build). */
    private record ReaderSpec(@Nullable Integer schemaVersion, Codec<?> codec) {}

    private void addReader(List<Reader> built, int version, Codec<?> codec) {
      String name = codec.descriptor().name();
      if (version > currentSchemaVersion) {
        throw new IllegalStateException(
            "reader "
                + name
                + " for schema version "
                + version
                + " is newer than the current version "
                + currentSchemaVersion);
      }
      Reader existing = findBuilt(built, codec.descriptor().id(), version);
      if (existing != null) {
        throw new IllegalStateException(
            "two readers for codec "
                + codec.descriptor()
                + " and schema version "
                + version
                + ": "
                + existing.codec
                + " and "
                + codec);
      }
      List<Step> chain = new ArrayList<>();
      Class<?> type = codec.valueType();
      for (int v = version; v < currentSchemaVersion; v++) {
        Step step = steps.get(v);
        if (step == null) {
          throw new IllegalStateException(
              "reader "
                  + name
                  + " reads schema version "
                  + version
                  + " but there is no upcaster from version "
                  + v
                  + " to "
                  + (v + 1)
                  + ": call upcaster("
                  + v
                  + ", ...)");
        }
        if (!step.from().isAssignableFrom(type)) {
          throw new IllegalStateException(
              "upcaster from schema version "
                  + v
                  + " takes "
                  + step.from().getName()
                  + " but receives "
                  + type.getName()
                  + " (from reader "
                  + name
                  + " of version "
                  + version
                  + ")");
        }
        chain.add(step);
        type = step.to();
      }
      if (!valueType.isAssignableFrom(type)) {
        throw new IllegalStateException(
            "reader "
                + name
                + " of schema version "
                + version
                + " produces "
                + type.getName()
                + ", not "
                + valueType.getName());
      }
      built.add(new Reader(version, codec, chain.toArray(new Step[0])));
    }

    /**
     * Every upcaster must be reached by a reader: one of its source version, or of an older version
     * whose chain runs through it. An upcaster without one means its version's payloads cannot be
     * read (they would be unknown-codec misses), almost always a forgotten {@code reader(v, ...)}.
     */
    private static void requireReaderFor(Iterable<Integer> upcasters, List<Reader> built) {
      for (int from : upcasters) {
        boolean reached = false;
        for (Reader reader : built) {
          reached |= reader.schemaVersion <= from;
        }
        if (!reached) {
          throw new IllegalStateException(
              "upcaster("
                  + from
                  + ", ...) has no reader: nothing reads the payloads of schema version "
                  + from
                  + ", so they would be unknown-codec misses; add reader("
                  + from
                  + ", codec) with the codec that wrote version "
                  + from
                  + ", or remove the upcaster");
        }
      }
    }

    private static @Nullable Reader findBuilt(List<Reader> built, int codecId, int version) {
      for (Reader reader : built) {
        if (reader.codecId == codecId && reader.schemaVersion == version) {
          return reader;
        }
      }
      return null;
    }

    private static void checkVersion(int version) {
      if (version < 0 || version > Envelope.MAX_SCHEMA_VERSION) {
        throw new IllegalArgumentException("schema version must be 0 to 65535, was " + version);
      }
    }

    @Override
    public String toString() {
      return "CodecRegistry.Builder{"
          + valueType.getName()
          + ", readers "
          + Arrays.deepToString(readers.toArray())
          + "}";
    }
  }
}
