package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.PayloadHeader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectTest {
  static Stream<Arguments> subjects() {
    return Subject.CODECS.stream()
        .flatMap(codec -> Stream.of(Shape.values()).map(shape -> Arguments.of(codec, shape)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("subjects")
  void rawCodecAndEnvelopePathsWriteTheSameBodyAndReadBackTheValue(String codec, Shape shape) {
    Subject<?> subject = Subject.of(codec, shape);
    byte[] raw = subject.encodeRaw();
    byte[] body = subject.encodeCodec();
    byte[] payload = subject.encodeRegistry();

    assertThatCode(() -> SubjectChecks.check(subject, raw, body, payload))
        .doesNotThrowAnyException();
    PayloadHeader header = PayloadHeader.read(payload);
    assertThat(header.headerLength()).isEqualTo(SubjectChecks.HEADER_BYTES);
    assertThat(header.codec()).contains(subject.codec.descriptor());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("subjects")
  void checksRejectAPayloadWhoseBodyIsNotTheRawLibrarysBytes(String codec, Shape shape) {
    Subject<?> subject = Subject.of(codec, shape);
    byte[] raw = subject.encodeRaw();
    byte[] body = subject.encodeCodec();
    byte[] payload = subject.encodeRegistry();
    byte[] otherPayload =
        Subject.of(codec, shape == Shape.SMALL ? Shape.MEDIA : Shape.SMALL).encodeRegistry();

    assertThatThrownBy(() -> SubjectChecks.check(subject, raw, body, otherPayload))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(codec + ": ");
    assertThatCode(() -> SubjectChecks.check(subject, raw, body, payload))
        .doesNotThrowAnyException();
  }

  @Test
  void thriftCompactSizesAreTheOnesTheIssueAsksFor() {
    assertThat(Subject.of("thrift-compact", Shape.SMALL).encodeRaw().length).isBetween(80, 120);
    assertThat(Subject.of("thrift-compact", Shape.MEDIA).encodeRaw().length).isBetween(230, 280);
    assertThat(Subject.of("thrift-compact", Shape.LARGE).encodeRaw().length)
        .isBetween(62 * 1024, 66 * 1024);
  }
}
