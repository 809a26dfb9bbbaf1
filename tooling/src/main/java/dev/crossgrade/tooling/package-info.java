/**
 * Internal tooling of the Crossgrade build and tools, written once: {@link
 * dev.crossgrade.tooling.JdkHomes} (the JDKs installed here) and {@link
 * dev.crossgrade.tooling.GeneratedThrift} (committed Thrift-generated sources are current). Not an
 * API: it may change in any release.
 */
@NullMarked
package dev.crossgrade.tooling;

import org.jspecify.annotations.NullMarked;
