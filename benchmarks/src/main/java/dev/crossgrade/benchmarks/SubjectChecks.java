package dev.crossgrade.benchmarks;

import java.util.Arrays;
import java.util.Objects;

/**
 * Checks, before anything is measured, that the three paths of a {@link Subject} do the same work:
 * each reads back the value, our codec's body is the raw library's bytes, and the payload is the
 * body behind the envelope header.
 */
final class SubjectChecks {
  /** The envelope header our registry writes with its default settings, in bytes. */
  static final int HEADER_BYTES = 8;

  private SubjectChecks() {}

  /**
   * Throws {@link IllegalStateException}, saying which check failed, unless the three encodings of
   * {@code subject} agree.
   */
  static void check(Subject<?> subject, byte[] raw, byte[] body, byte[] payload) {
    require(Objects.equals(subject.value, subject.decodeRaw(raw)), subject, "raw decode != value");
    require(
        Objects.equals(subject.value, subject.decodeCodec(body)), subject, "codec decode != value");
    require(
        Objects.equals(subject.value, subject.decodeRegistry(payload)),
        subject,
        "registry decode != value");
    require(Arrays.equals(raw, body), subject, "codec body != raw library bytes");
    require(payload.length == body.length + HEADER_BYTES, subject, "header is not 8 bytes");
    require(
        Arrays.equals(payload, HEADER_BYTES, payload.length, body, 0, body.length),
        subject,
        "payload does not end with the body");
  }

  private static void require(boolean ok, Subject<?> subject, String what) {
    if (!ok) {
      throw new IllegalStateException(subject.name + ": " + what);
    }
  }
}
