/** The thrift codec. */
@NullMarked
package dev.crossgrade.codec.thrift;

import org.jspecify.annotations.NullMarked;
