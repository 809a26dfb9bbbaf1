/**
 * JSON codecs: {@link dev.crossgrade.codec.jackson.JsonCodec} for POJOs and records through
 * Jackson, RFC 8785 canonical JSON through {@link dev.crossgrade.codec.jackson.CanonicalJson}, and
 * the generic-model codecs {@code json} and {@code canonical-json} registered by {@link
 * dev.crossgrade.codec.jackson.JacksonCodecProvider}.
 */
@NullMarked
package dev.crossgrade.codec.jackson;

import org.jspecify.annotations.NullMarked;
