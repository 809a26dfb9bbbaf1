/**
 * MediaContent as Thrift-generated types, from {@code src/main/thrift/media.thrift}; the generated
 * classes are committed under {@code src/main/java-generated} (see {@code scripts/regenerate-thrift
 * benchmarks main}). Generated code uses nulls freely, so this package is not null-marked.
 */
@NullUnmarked
package dev.crossgrade.benchmarks.thrift;

import org.jspecify.annotations.NullUnmarked;
