package dev.crossgrade.compat;

import org.jspecify.annotations.Nullable;

/**
 * One cell of a compatibility matrix after it ran: which runtime wrote, which read, with what
 * codec, and what happened.
 *
 * @param group the part of the matrix, such as {@code jdk} or {@code schema}
 * @param writer the runtime that wrote, such as {@code JDK 17} or {@code Account v1}
 * @param reader the runtime that read (or, for byte comparisons, wrote the bytes compared)
 * @param codec the codec and its settings, such as {@code kryo5 (compatible)}
 * @param verdict the outcome
 * @param tries how many generated values were tried
 * @param discarded how many of them the writer could not write (outside the codec's domain)
 * @param counterexample the shrunk value that breaks compatibility, if one was found
 * @param explanation one line on what went wrong (or the reason it did not run), if anything did
 * @param expectation the documented incompatibility this cell is expected to show, if any
 */
public record CellResult(
    String group,
    String writer,
    String reader,
    String codec,
    Verdict verdict,
    int tries,
    int discarded,
    @Nullable String counterexample,
    @Nullable String explanation,
    @Nullable String expectation) {}
