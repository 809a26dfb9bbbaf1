package dev.crossgrade.guide;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** Trap 2: text vs bytes, and the platform default charset that changed in JDK 18 (JEP 400). */
class CharsetTrapTest {

  @Test
  void textWrittenWithTheJdk17DefaultIsGarbledOnJdk25() {
    // tag::charset[]
    String city = "Zürich";
    // On JDK 17 under LANG=C, city.getBytes() used the default charset, US-ASCII:
    byte[] writtenOnJdk17 = city.getBytes(US_ASCII);
    // On JDK 18 and later the default is UTF-8 whatever the locale (JEP 400):
    assertThat(new String(writtenOnJdk17, UTF_8)).isEqualTo("Z?rich"); // the ü is lost for good

    // Under an ISO-8859-1 locale JDK 17 reads what JDK 25 wrote as two characters:
    assertThat(new String(city.getBytes(UTF_8), ISO_8859_1)).isEqualTo("ZÃ¼rich");

    // The fix: name the charset wherever text becomes bytes and back.
    assertThat(new String(city.getBytes(UTF_8), UTF_8)).isEqualTo(city);
    // end::charset[]
  }

  @Test
  void thePlatformDefaultRoundTripsWithUtf8OnlyWhenItIsUtf8() {
    // This build runs its tests with file.encoding=ISO-8859-1 (see the parent pom), so that code
    // leaning on the default fails here rather than in a mixed fleet.
    String city = "Zürich";
    @SuppressWarnings("DefaultCharset") // the platform default is the subject of this test
    byte[] platform = city.getBytes();
    assertThat(new String(platform, UTF_8).equals(city))
        .isEqualTo(Charset.defaultCharset().equals(UTF_8));
  }
}
