/**
 * Runtime test lists: a file ({@code crossgrade-runtime-tests.txt} on the test class path) that
 * names, per runtime, the tests that must pass ({@code include}) or the tests that may fail ({@code
 * exclude}); a JUnit Platform extension, registered through {@link java.util.ServiceLoader}, that
 * holds a run to it and prints a summary; and {@link dev.crossgrade.junit.SuiteComparison}, which
 * runs a project's suite on two JDKs and proposes the list.
 */
@NullMarked
package dev.crossgrade.junit;

import org.jspecify.annotations.NullMarked;
