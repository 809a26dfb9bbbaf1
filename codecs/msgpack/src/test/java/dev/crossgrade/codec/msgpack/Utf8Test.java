package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The strict UTF-8 check agrees with the JDK's reporting decoder, position included. */
class Utf8Test {

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> utf8 = GenericValues.strings().map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
        utf8,
        utf8.flatMap(
            b ->
                Arbitraries.integers()
                    .between(0, Math.max(0, b.length - 1))
                    .flatMap(
                        i ->
                            Arbitraries.bytes()
                                .map(
                                    x -> {
                                      byte[] copy = b.clone();
                                      if (copy.length > 0) {
                                        copy[i] = x;
                                      }
                                      return copy;
                                    }))));
  }

  @Property(tries = 1000)
  void firstInvalidAgreesWithTheJdkDecoder(@ForAll("bytes") byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length * 2 + 2), true);
    int expected = result.isError() ? in.position() : -1;
    assertThat(Utf8.firstInvalid(bytes)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void aStringWithoutUnpairedSurrogatesIsFoundValid(@ForAll("strings") String s) {
    assertThat(Utf8.firstUnpairedSurrogate(s)).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(Utf8.encodeValid(s))).isEqualTo(-1);
  }

  @Provide
  Arbitrary<String> strings() {
    return GenericValues.strings();
  }

  @Property(tries = 300)
  void unpairedSurrogatesAreFound(
      @ForAll("strings") String prefix, @ForAll("surrogates") char surrogate) {
    String s = prefix + surrogate + "x";
    assertThat(Utf8.firstUnpairedSurrogate(s)).isEqualTo(prefix.length());
  }

  @Provide
  Arbitrary<Character> surrogates() {
    return Arbitraries.chars().range('\ud800', '\udfff');
  }
}
