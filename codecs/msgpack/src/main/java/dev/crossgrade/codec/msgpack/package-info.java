/** The msgpack codec. */
@NullMarked
package dev.crossgrade.codec.msgpack;

import org.jspecify.annotations.NullMarked;
