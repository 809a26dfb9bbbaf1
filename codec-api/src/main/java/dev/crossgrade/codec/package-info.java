/**
 * The versioned payload envelope, the {@link dev.crossgrade.codec.Codec} SPI that every wire format
 * implements, the immutable {@link dev.crossgrade.codec.CodecRegistry} that reads every registered
 * format and writes the configured one, decode {@link dev.crossgrade.codec.Limits} and the typed
 * {@link dev.crossgrade.codec.PayloadException} hierarchy. The byte layout is specified in {@code
 * codec-api/FORMAT.md}.
 */
@NullMarked
package dev.crossgrade.codec;

import org.jspecify.annotations.NullMarked;
