package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.thrift.Image;
import dev.crossgrade.benchmarks.thrift.Media;
import dev.crossgrade.benchmarks.thrift.MediaContent;
import dev.crossgrade.benchmarks.thrift.Player;
import dev.crossgrade.benchmarks.thrift.Size;
import java.util.ArrayList;
import java.util.List;

/** MediaContent as the Thrift-generated types of {@code src/main/thrift/media.thrift}. */
final class MediaThrift {
  private MediaThrift() {}

  /** The value of {@code shape}. */
  static MediaContent of(Shape shape) {
    MediaRecords.MediaContent source = MediaRecords.of(shape);
    MediaRecords.Media m = source.media();
    Media media =
        new Media(
            m.uri(),
            m.width(),
            m.height(),
            m.format(),
            m.duration(),
            m.size(),
            new ArrayList<>(m.persons()),
            Player.valueOf(m.player().name()));
    media.setTitle(m.title());
    if (m.hasBitrate()) {
      media.setBitrate(m.bitrate());
    }
    media.setCopyright(m.copyright());
    List<Image> images = new ArrayList<>();
    for (MediaRecords.Image i : source.images()) {
      Image image = new Image(i.uri(), i.width(), i.height(), Size.valueOf(i.size().name()));
      image.setTitle(i.title());
      images.add(image);
    }
    return new MediaContent(media, images);
  }
}
