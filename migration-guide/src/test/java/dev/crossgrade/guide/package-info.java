/**
 * The migration guide's examples: each tagged region here is a code block of a page in {@code
 * migration-guide/}, and each test asserts what the guide says the example does.
 */
@NullMarked
package dev.crossgrade.guide;

import org.jspecify.annotations.NullMarked;
