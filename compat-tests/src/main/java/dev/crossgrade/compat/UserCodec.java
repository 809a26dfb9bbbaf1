package dev.crossgrade.compat;

/**
 * A codec the user-jar check tries a cached type with when a build ships no {@link
 * CachedTypesProvider}; the default setup of each is described in the report.
 */
public enum UserCodec {
  /**
   * Crossgrade's Jackson codec ({@code JsonCodec}) with the jdk8, jsr310 and parameter-names
   * modules.
   */
  JSON("json"),
  /**
   * MessagePack through Jackson (msgpack-java's {@code MessagePackFactory}): records and classes.
   */
  MSGPACK("msgpack"),
  /** Kryo 5 over the type's whole graph: classes by field name, records by component name. */
  KRYO5("kryo5");

  private final String label;

  UserCodec(String label) {
    this.label = label;
  }

  /** The codec's name in reports. */
  public String label() {
    return label;
  }
}
