/** The kryo codec. */
@NullMarked
package dev.crossgrade.codec.kryo;

import org.jspecify.annotations.NullMarked;
