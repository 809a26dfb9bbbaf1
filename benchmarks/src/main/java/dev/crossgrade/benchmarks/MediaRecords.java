package dev.crossgrade.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MediaContent as records, the form the MessagePack and JSON codecs map: the object of the
 * well-known JVM serializer comparisons (jvm-serializers), with values of the three {@link Shape}s.
 */
final class MediaRecords {
  private MediaRecords() {}

  /** A media player. */
  enum Player {
    JAVA,
    FLASH
  }

  /** An image size. */
  enum Size {
    SMALL,
    LARGE
  }

  /** A video and its images. */
  record MediaContent(Media media, List<Image> images) {}

  /** A video. */
  record Media(
      String uri,
      String title,
      int width,
      int height,
      String format,
      long duration,
      long size,
      int bitrate,
      boolean hasBitrate,
      List<String> persons,
      Player player,
      String copyright) {}

  /** An image of a video. */
  record Image(String uri, String title, int width, int height, Size size) {}

  /** The value of {@code shape}. */
  static MediaContent of(Shape shape) {
    return switch (shape) {
      case SMALL ->
          new MediaContent(
              new Media(
                  "http://example.com/v/clip-1.mp4",
                  "Short clip",
                  640,
                  480,
                  "video/mp4",
                  60_000,
                  1_048_576,
                  0,
                  false,
                  List.of("Ann Lee"),
                  Player.JAVA,
                  "CC BY"),
              List.of());
      case MEDIA -> new MediaContent(keynote(), List.of(keynoteLarge(), keynoteSmall()));
      case LARGE -> {
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < Shape.LARGE_IMAGES; i++) {
          images.add(
              new Image(
                  String.format(Locale.ROOT, "http://javaone.com/keynote/%04d.jpg", i),
                  "Javaone Keynote " + i,
                  i % 2 == 0 ? 1024 : 320,
                  i % 2 == 0 ? 768 : 240,
                  i % 2 == 0 ? Size.LARGE : Size.SMALL));
        }
        yield new MediaContent(keynote(), List.copyOf(images));
      }
    };
  }

  private static Media keynote() {
    return new Media(
        "http://javaone.com/keynote.mpg",
        "Javaone Keynote",
        640,
        480,
        "video/mpg4",
        18_000_000,
        58_982_400,
        262_144,
        true,
        List.of("Bill Gates", "Steve Jobs"),
        Player.JAVA,
        "JavaOne 2009");
  }

  private static Image keynoteLarge() {
    return new Image(
        "http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768, Size.LARGE);
  }

  private static Image keynoteSmall() {
    return new Image(
        "http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240, Size.SMALL);
  }
}
