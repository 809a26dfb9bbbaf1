/**
 * The codec compatibility kit: {@link dev.crossgrade.codec.tck.CodecContract}, the jqwik property
 * suite every Crossgrade codec passes, for a codec of your own.
 */
@NullMarked
package dev.crossgrade.codec.tck;

import org.jspecify.annotations.NullMarked;
