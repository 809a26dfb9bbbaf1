/**
 * A read-only codec for existing Java-serialized cache entries: {@link
 * dev.crossgrade.codec.javalegacy.JavaSerializationReader}, which reads plain {@code
 * ObjectOutputStream} output behind an allow-list and bounds, and {@link
 * dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader}, which reads entries written by
 * spymemcached's default {@code SerializingTranscoder} from their bytes and memcached flags. Both
 * exist to migrate off Java serialization without flushing the cache; neither writes.
 */
@NullMarked
package dev.crossgrade.codec.javalegacy;

import org.jspecify.annotations.NullMarked;
