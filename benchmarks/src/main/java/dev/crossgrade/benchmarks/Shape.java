package dev.crossgrade.benchmarks;

import java.util.Locale;

/** The three sizes of value every codec is measured with. */
enum Shape {
  /** A MediaContent with one person and no image: about 100 bytes in the binary formats. */
  SMALL,
  /** The MediaContent of the JVM serializer comparisons: two images, about 250 bytes. */
  MEDIA,
  /** A MediaContent with enough images for about 64 KiB in the binary formats. */
  LARGE;

  /** The images of a {@link #LARGE} value. */
  static final int LARGE_IMAGES = 977;

  /** The lower-case name used as a JMH parameter. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The shape named {@code label}. */
  static Shape of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
