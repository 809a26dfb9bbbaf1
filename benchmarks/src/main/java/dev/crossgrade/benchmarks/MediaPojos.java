package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.MediaRecords.Player;
import dev.crossgrade.benchmarks.MediaRecords.Size;
import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MediaContent as mutable classes with no-arg constructors, the form Kryo's field serializers
 * write, converted from {@link MediaRecords}.
 */
final class MediaPojos {
  private MediaPojos() {}

  /** A video and its images. */
  static final class MediaContent {
    @Nullable Media media;
    ArrayList<Image> images = new ArrayList<>();

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof MediaContent other
          && Objects.equals(media, other.media)
          && images.equals(other.images);
    }

    @Override
    public int hashCode() {
      return Objects.hash(media, images);
    }
  }

  /** A video. */
  static final class Media {
    String uri = "";
    String title = "";
    int width;
    int height;
    String format = "";
    long duration;
    long size;
    int bitrate;
    boolean hasBitrate;
    ArrayList<String> persons = new ArrayList<>();
    Player player = Player.JAVA;
    String copyright = "";

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Media m
          && uri.equals(m.uri)
          && title.equals(m.title)
          && width == m.width
          && height == m.height
          && format.equals(m.format)
          && duration == m.duration
          && size == m.size
          && bitrate == m.bitrate
          && hasBitrate == m.hasBitrate
          && persons.equals(m.persons)
          && player == m.player
          && copyright.equals(m.copyright);
    }

    @Override
    public int hashCode() {
      return Objects.hash(uri, title, width, height, format, duration, size, persons, player);
    }
  }

  /** An image of a video. */
  static final class Image {
    String uri = "";
    String title = "";
    int width;
    int height;
    Size size = Size.SMALL;

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Image i
          && uri.equals(i.uri)
          && title.equals(i.title)
          && width == i.width
          && height == i.height
          && size == i.size;
    }

    @Override
    public int hashCode() {
      return Objects.hash(uri, title, width, height, size);
    }
  }

  /** The value of {@code shape}. */
  static MediaContent of(Shape shape) {
    MediaRecords.MediaContent source = MediaRecords.of(shape);
    MediaContent content = new MediaContent();
    MediaRecords.Media m = source.media();
    Media media = new Media();
    media.uri = m.uri();
    media.title = m.title();
    media.width = m.width();
    media.height = m.height();
    media.format = m.format();
    media.duration = m.duration();
    media.size = m.size();
    media.bitrate = m.bitrate();
    media.hasBitrate = m.hasBitrate();
    media.persons = new ArrayList<>(m.persons());
    media.player = m.player();
    media.copyright = m.copyright();
    content.media = media;
    for (MediaRecords.Image i : source.images()) {
      Image image = new Image();
      image.uri = i.uri();
      image.title = i.title();
      image.width = i.width();
      image.height = i.height();
      image.size = i.size();
      content.images.add(image);
    }
    return content;
  }
}
