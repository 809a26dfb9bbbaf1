package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Run under LANG=C, as the shop's printers are: recorded on JDK 17, where that means ASCII. */
class ReceiptTest {
  @Test
  void asciiTextIsOneBytePerCharacter() {
    assertEquals(7, Receipt.bytes("Total 5").length);
  }

  /** JDK 18 and later default to UTF-8 whatever the locale (JEP 400): three bytes. */
  @Test
  void euroSignIsReplacedUnderTheCLocale() {
    assertArrayEquals(new byte[] {'?'}, Receipt.bytes("\u20ac"));
  }

  @Test
  void defaultCharsetIsAsciiUnderTheCLocale() {
    assertEquals("US-ASCII", Receipt.charset());
  }
}
