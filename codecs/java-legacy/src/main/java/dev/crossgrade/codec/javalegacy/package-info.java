/** The java-legacy codec. */
@NullMarked
package dev.crossgrade.codec.javalegacy;

import org.jspecify.annotations.NullMarked;
