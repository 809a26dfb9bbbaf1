package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The envelope path does not copy the body: on the 64 KiB value, our registry allocates about what
 * our codec alone allocates, where one more copy of the body would add its whole size. Allocation
 * is counted by the JVM per thread, so this does not depend on timing.
 */
class EnvelopeCopyTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static java.util.List<String> codecs() {
    return Subject.CODECS;
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void decodingThroughTheEnvelopeAllocatesNoCopyOfTheBody(String codec) {
    Subject<?> subject = Subject.of(codec, Shape.LARGE);
    byte[] body = subject.encodeCodec();
    byte[] payload = subject.encodeRegistry();

    long codecAlone = leastAllocated(() -> subject.decodeCodec(body));
    long envelope = leastAllocated(() -> subject.decodeRegistry(payload));

    assertThat(envelope - codecAlone).isLessThan(body.length / 4);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void encodingThroughTheEnvelopeAllocatesNoCopyOfTheBody(String codec) {
    Subject<?> subject = Subject.of(codec, Shape.LARGE);
    int bodyLength = subject.encodeCodec().length;

    long codecAlone = leastAllocated(subject::encodeCodec);
    long envelope = leastAllocated(subject::encodeRegistry);

    assertThat(envelope - codecAlone).isLessThan(bodyLength / 4);
  }

  /** The fewest bytes one call allocated, over several calls after a few to warm up. */
  private static long leastAllocated(Supplier<?> call) {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    long least = Long.MAX_VALUE;
    Object sink = null;
    for (int i = 0; i < 15; i++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      sink = call.get();
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      if (i >= 5) {
        least = Math.min(least, allocated);
      }
    }
    assertThat(sink).isNotNull();
    return least;
  }
}
