/**
 * The cache transport on memcached through spymemcached: {@link
 * dev.crossgrade.transport.spymemcached.SpymemcachedTransport} builds one in code, and the {@code
 * transport.client} name {@code spymemcached} builds one from a config.
 */
@NullMarked
package dev.crossgrade.transport.spymemcached;

import org.jspecify.annotations.NullMarked;
