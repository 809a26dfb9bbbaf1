package dev.crossgrade.codec.javalegacy;

import java.io.Serializable;

/**
 * A class whose static initializer has a side effect. No test names it in code: payloads holding it
 * are made by renaming {@link Gadgets.StaticInitTemplate}, so it is initialized only if a reader
 * lets it be.
 */
final class StaticInitGadget implements Serializable {
  private static final long serialVersionUID = 11L;

  static {
    Gadgets.STATIC_INIT_RAN.set(true);
  }

  final String payload = "x";
}
