/**
 * The sample cached types of the built-in compatibility matrix: version 1 of an account and four
 * version 2s, each with one change (a field added, removed, renamed or widened), as Kryo classes
 * ({@link dev.crossgrade.compat.samples.KryoAccounts}) and records ({@link
 * dev.crossgrade.compat.samples.RecordAccounts}); the Thrift versions are generated from {@code
 * compat_samples.thrift}. They are public only so that the codecs can instantiate them.
 */
@NullMarked
package dev.crossgrade.compat.samples;

import org.jspecify.annotations.NullMarked;
