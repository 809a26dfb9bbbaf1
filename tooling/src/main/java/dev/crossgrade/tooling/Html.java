package dev.crossgrade.tooling;

/**
 * What the HTML reports (the matrix, the rehearsal) share: text made safe for HTML, written once.
 */
public final class Html {
  private Html() {}

  /**
   * {@code text} with {@code < > & " '} as character references: safe in element content and in a
   * quoted attribute value.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
