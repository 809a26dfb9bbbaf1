/**
 * MessagePack codecs over msgpack-core: {@link dev.crossgrade.codec.msgpack.MessagePackCodec} for
 * the generic value model in two writer generations ({@link
 * dev.crossgrade.codec.msgpack.MessagePackSpec#CURRENT} and {@link
 * dev.crossgrade.codec.msgpack.MessagePackSpec#OLD}, each reading both), {@link
 * dev.crossgrade.codec.msgpack.MessagePackCodec} for records, and {@link
 * dev.crossgrade.codec.msgpack.MessagePackCodecProvider}, which registers the generic codecs as
 * {@code msgpack} and {@code msgpack-oldspec}. Readers are strict and bounded: every length header
 * is checked against the {@link dev.crossgrade.codec.Limits} and the bytes that remain before
 * anything is allocated.
 */
@NullMarked
package dev.crossgrade.codec.msgpack;

import org.jspecify.annotations.NullMarked;
