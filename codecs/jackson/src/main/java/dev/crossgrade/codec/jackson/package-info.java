/** The jackson codec. */
@NullMarked
package dev.crossgrade.codec.jackson;

import org.jspecify.annotations.NullMarked;
