package com.example.shop;

import java.nio.charset.Charset;

/** A receipt, encoded as the printer driver expects: in the platform's default charset. */
public final class Receipt {
  private Receipt() {}

  /** The text's bytes in the default charset. */
  public static byte[] bytes(String text) {
    return text.getBytes(Charset.defaultCharset());
  }

  /** The default charset's name. */
  public static String charset() {
    return Charset.defaultCharset().name();
  }
}
