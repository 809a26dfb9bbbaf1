package dev.crossgrade.codec;

/** How an envelope's body is compressed. */
public enum Compression {
  /** Not compressed. */
  NONE(0),
  /** Raw DEFLATE (RFC 1951) with no zlib or gzip wrapper. */
  DEFLATE(1);

  private final int id;

  Compression(int id) {
    this.id = id;
  }

  /** The algorithm byte written in the envelope; 0 means the compression part is absent. */
  public int id() {
    return id;
  }
}
