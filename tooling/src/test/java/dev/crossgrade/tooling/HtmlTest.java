package dev.crossgrade.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void markupAndQuotesBecomeCharacterReferences_theRestStays() {
    assertThat(Html.escape("<a href=\"x\">Tom & Jerry's</a> é"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; é");
    assertThat(Html.escape("")).isEmpty();
  }
}
