/**
 * Codecs for Thrift-generated types ({@link org.apache.thrift.TBase}) in Thrift's compact and
 * binary protocols, which evolve by field id and read hostile bytes within {@link
 * dev.crossgrade.codec.Limits}. Start at {@link dev.crossgrade.codec.thrift.ThriftCodec}.
 */
@NullMarked
package dev.crossgrade.codec.thrift;

import org.jspecify.annotations.NullMarked;
