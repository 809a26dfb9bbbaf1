/**
 * What the memcached transports share: {@link
 * dev.crossgrade.transport.memcached.MemcachedTransport} (the settings and their checks), the
 * ketama ring both clients place keys by, and the item size limit that keeps a value the server
 * would refuse from being sent. Applications use a client module's {@code newBuilder()} ({@code
 * crossgrade-transport-spymemcached} or {@code crossgrade-transport-xmemcached}) or its {@code
 * transport.client} name.
 */
@NullMarked
package dev.crossgrade.transport.memcached;

import org.jspecify.annotations.NullMarked;
