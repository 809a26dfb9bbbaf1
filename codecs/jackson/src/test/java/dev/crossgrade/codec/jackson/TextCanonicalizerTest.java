package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shortcuts {@link CanonicalJson#canonicalize(byte[])} takes on text (numbers laid out from
 * their own digits, strings copied as they are, members sorted and duplicates found in the output)
 * against the long ways: {@link EcmaScriptNumbers#format} of the parsed double, and {@link
 * CanonicalJson#write} of the parsed value, which sorts Java strings.
 */
class TextCanonicalizerTest {

  @Provide
  Arbitrary<String> numberTokens() {
    Arbitrary<String> integerPart =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Arbitraries.strings()
                .withCharRange('0', '9')
                .ofMinLength(0)
                .ofMaxLength(24)
                .map(d -> "1" + d),
            Arbitraries.strings().withCharRange('1', '9').ofLength(1));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings()
                .withChars('0', '1', '5', '9')
                .ofMinLength(1)
                .ofMaxLength(24)
                .map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.integers().between(0, 400),
                    Arbitraries.of("", "0", "00"))
                .as((e, sign, value, zeros) -> e + sign + zeros + value));
    return Combinators.combine(Arbitraries.of("", "-"), integerPart, fraction, exponent)
        .as((sign, integer, frac, exp) -> sign + integer + frac + exp);
  }

  @Property(tries = 3000)
  void aNumberTokenIsWrittenAsItsDoubleFormats(@ForAll("numberTokens") String token) {
    double value = Double.parseDouble(token);
    String json = "[" + token + "]";
    if (Double.isInfinite(value)) {
      assertThatThrownBy(() -> CanonicalJson.canonicalize(json))
          .isInstanceOf(CorruptPayloadException.class);
      return;
    }
    assertThat(CanonicalJson.canonicalize(json))
        .as(token)
        .isEqualTo("[" + EcmaScriptNumbers.format(value) + "]");
  }

  @Provide
  Arbitrary<Map<String, Object>> objects() {
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.longs().between(-1000, 1000).map(Long::valueOf),
            JsonValues.unicodeStrings().map(s -> (Object) s));
    return JsonValues.unicodeStrings()
        .list()
        .ofMaxSize(40)
        .uniqueElements()
        .flatMap(
            keys ->
                values
                    .list()
                    .ofSize(keys.size())
                    .map(
                        list -> {
                          Map<String, Object> map = new LinkedHashMap<>();
                          for (int i = 0; i < keys.size(); i++) {
                            map.put(keys.get(i), list.get(i));
                          }
                          return map;
                        }));
  }

  @Property(tries = 500)
  void membersAreSortedAsJavaStringsWhateverTheSpellingOfTheirKeys(
      @ForAll("objects") Map<String, Object> object, @ForAll long spelling) {
    // The same object twice, nested, so that a sorted inner object moves with its member.
    Map<String, Object> outer = new LinkedHashMap<>(object);
    outer.put("\u0000nested", object);
    String json = text(outer, new Random(spelling));
    assertThat(
            new String(
                CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .as(json)
        .isEqualTo(new String(CanonicalJson.write(outer), StandardCharsets.UTF_8));
  }

  /** JSON text of an object of strings, longs and objects, each character spelled at random. */
  private static String text(Map<?, ?> object, Random random) {
    StringBuilder json = new StringBuilder("{");
    object.forEach(
        (key, value) -> {
          json.append(json.length() > 1 ? ", " : "")
              .append(quote((String) key, random))
              .append(':');
          if (value instanceof Map<?, ?> inner) {
            json.append(text(inner, random));
          } else if (value instanceof String string) {
            json.append(quote(string, random));
          } else {
            json.append(value);
          }
        });
    return json.append('}').toString();
  }

  private static String quote(String value, Random random) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        char low = value.charAt(++i);
        if (random.nextInt(4) == 0) {
          quoted.append(String.format(Locale.ROOT, "\\u%04x\\u%04X", (int) c, (int) low));
        } else {
          quoted.append(c).append(low);
        }
      } else if (c < 0x20 || c == '"' || c == '\\' || random.nextInt(4) == 0) {
        switch (random.nextInt(2) == 0 ? c : 0) {
          case '"' -> quoted.append("\\\"");
          case '\\' -> quoted.append("\\\\");
          case '/' -> quoted.append("\\/");
          case '\n' -> quoted.append("\\n");
          case '\t' -> quoted.append("\\t");
          default -> quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  @Example
  void aDuplicateKeyInALargeObjectIsFoundWhateverItsSpelling() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      members.add("\"k" + i + "\":" + i);
    }
    members.add("\"\\u006b17\":0");
    String json = "{" + String.join(",", members) + "}";
    int at = json.indexOf("\"\\u006b17\"") + 1;
    assertThat(failure(json, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo("1:" + at + ": duplicate key \"k17\" at $");
  }

  @Example
  void aCanonicalFormExactlyAtTheLimitFits() {
    Limits tiny = Limits.newBuilder().maxPayloadSize(16).build();
    assertThat(CanonicalJson.canonicalize("[1.5,2.5,3.5,45]", tiny)).isEqualTo("[1.5,2.5,3.5,45]");
    assertThat(CanonicalJson.canonicalize("[1.5,2.5,\"\\n\"]", tiny))
        .isEqualTo("[1.5,2.5,\"\\n\"]");
    assertThat(
            CanonicalJson.canonicalize(
                "[0.30000000000000004]", Limits.newBuilder().maxPayloadSize(21).build()))
        .isEqualTo("[0.30000000000000004]");
  }

  @Example
  void aTextThatFailsHalfWayLeavesNothingBehindForTheNextOnTheSameThread() {
    assertThat(failure("{\"b\":{\"y\":1,\"x\":[1,{\"q\":tru", Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class);
    assertThat(CanonicalJson.canonicalize("{\"z\":1,\"a\":{\"y\":2,\"x\":3}}"))
        .isEqualTo("{\"a\":{\"x\":3,\"y\":2},\"z\":1}");
    Limits tiny = Limits.newBuilder().maxPayloadSize(16).build();
    assertThat(failure("[1E30,1E30,1E30]", tiny)).isInstanceOf(LimitExceededException.class);
    assertThat(CanonicalJson.canonicalize("[2,1]")).isEqualTo("[2,1]");
    String large = "[" + "\"x\",".repeat(40_000) + "1]";
    assertThat(CanonicalJson.canonicalize(large)).isEqualTo(large);
    assertThat(CanonicalJson.canonicalize("{\"b\":[],\"a\":{}}")).isEqualTo("{\"a\":{},\"b\":[]}");
  }

  @Example
  void numbersNearTheTopOfTheDoubleRangeAreCheckedByValue() {
    assertThat(CanonicalJson.canonicalize("[9e307,0.5e308,17976931348623157e292]"))
        .isEqualTo("[9e+307,5e+307,1.7976931348623157e+308]");
    assertThat(failure("[17976931348623159e292]", Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "1:2: number 17976931348623159e292 is beyond the range of an IEEE 754 double at $[0]");
    assertThat(failure("[10e308]", Limits.defaults())).isInstanceOf(CorruptPayloadException.class);
  }

  private static PayloadException failure(String json, Limits limits) {
    try {
      CanonicalJson.canonicalize(json, limits);
    } catch (PayloadException e) {
      return e;
    }
    throw new AssertionError("expected a PayloadException for " + json);
  }
}
