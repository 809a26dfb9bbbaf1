/**
 * Kryo codecs: {@link dev.crossgrade.codec.kryo.Kryo5Codec} for the Kryo 5 wire format and {@link
 * dev.crossgrade.codec.kryo.Kryo4Codec} for the Kryo 4 wire format, each with class registration
 * required, an evolution-tolerant serializer for user types ({@link
 * dev.crossgrade.codec.kryo.KryoEvolution}) and length checks before any allocation; plus {@link
 * dev.crossgrade.codec.kryo.KryoCodecProvider}, which offers both generations for the generic value
 * model.
 */
@NullMarked
package dev.crossgrade.codec.kryo;

import org.jspecify.annotations.NullMarked;
