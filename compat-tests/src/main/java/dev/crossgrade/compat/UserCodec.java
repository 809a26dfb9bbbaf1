package dev.crossgrade.compat;

/** A codec the user-jar matrix can try a cached type with. */
public enum UserCodec {
  /** Crossgrade's Jackson codec ({@code JsonCodec}): records and Jackson-mappable classes. */
  JSON("json"),
  /** Crossgrade's MessagePack record codec: records only. */
  MSGPACK("msgpack"),
  /** Crossgrade's Kryo 5 codec with the compatible field serializer: classes, not records. */
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
