/**
 * The cache transport on memcached through xmemcached: {@link
 * dev.crossgrade.transport.xmemcached.XmemcachedTransport} builds one in code, and the {@code
 * transport.client} name {@code xmemcached} builds one from a config.
 */
@NullMarked
package dev.crossgrade.transport.xmemcached;

import org.jspecify.annotations.NullMarked;
