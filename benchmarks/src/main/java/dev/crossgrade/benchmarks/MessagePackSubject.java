package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.MediaRecords.Image;
import dev.crossgrade.benchmarks.MediaRecords.Media;
import dev.crossgrade.benchmarks.MediaRecords.MediaContent;
import dev.crossgrade.benchmarks.MediaRecords.Player;
import dev.crossgrade.benchmarks.MediaRecords.Size;
import dev.crossgrade.codec.msgpack.MessagePackCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * MessagePack: raw is msgpack-core driven by hand, the way a user without a mapping layer writes a
 * record, in the layout our record codec uses (a map from component name to value, enums by name),
 * with a reused {@link MessageBufferPacker}.
 */
final class MessagePackSubject extends Subject<MediaContent> {
  private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();

  MessagePackSubject(Shape shape) {
    super(
        "msgpack", MediaRecords.of(shape), MessagePackCodec.newBuilder(MediaContent.class).build());
  }

  @Override
  byte[] encodeRaw() {
    try {
      packer.clear();
      write(packer, value);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  MediaContent decodeRaw(byte[] bytes) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      return readContent(unpacker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(MessagePacker p, MediaContent content) throws IOException {
    p.packMapHeader(2);
    p.packString("media");
    Media m = content.media();
    p.packMapHeader(12);
    p.packString("uri").packString(m.uri());
    p.packString("title").packString(m.title());
    p.packString("width").packInt(m.width());
    p.packString("height").packInt(m.height());
    p.packString("format").packString(m.format());
    p.packString("duration").packLong(m.duration());
    p.packString("size").packLong(m.size());
    p.packString("bitrate").packInt(m.bitrate());
    p.packString("hasBitrate").packBoolean(m.hasBitrate());
    p.packString("persons").packArrayHeader(m.persons().size());
    for (String person : m.persons()) {
      p.packString(person);
    }
    p.packString("player").packString(m.player().name());
    p.packString("copyright").packString(m.copyright());
    p.packString("images").packArrayHeader(content.images().size());
    for (Image i : content.images()) {
      p.packMapHeader(5);
      p.packString("uri").packString(i.uri());
      p.packString("title").packString(i.title());
      p.packString("width").packInt(i.width());
      p.packString("height").packInt(i.height());
      p.packString("size").packString(i.size().name());
    }
  }

  private static MediaContent readContent(MessageUnpacker u) throws IOException {
    Media media = null;
    List<Image> images = List.of();
    for (int n = u.unpackMapHeader(); n > 0; n--) {
      switch (u.unpackString()) {
        case "media" -> media = readMedia(u);
        case "images" -> {
          int count = u.unpackArrayHeader();
          List<Image> list = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            list.add(readImage(u));
          }
          images = list;
        }
        default -> u.skipValue();
      }
    }
    if (media == null) {
      throw new IllegalStateException("no media");
    }
    return new MediaContent(media, images);
  }

  private static Media readMedia(MessageUnpacker u) throws IOException {
    String uri = "";
    String title = "";
    int width = 0;
    int height = 0;
    String format = "";
    long duration = 0;
    long size = 0;
    int bitrate = 0;
    boolean hasBitrate = false;
    List<String> persons = List.of();
    Player player = Player.JAVA;
    String copyright = "";
    for (int n = u.unpackMapHeader(); n > 0; n--) {
      switch (u.unpackString()) {
        case "uri" -> uri = u.unpackString();
        case "title" -> title = u.unpackString();
        case "width" -> width = u.unpackInt();
        case "height" -> height = u.unpackInt();
        case "format" -> format = u.unpackString();
        case "duration" -> duration = u.unpackLong();
        case "size" -> size = u.unpackLong();
        case "bitrate" -> bitrate = u.unpackInt();
        case "hasBitrate" -> hasBitrate = u.unpackBoolean();
        case "persons" -> {
          int count = u.unpackArrayHeader();
          List<String> list = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            list.add(u.unpackString());
          }
          persons = list;
        }
        case "player" -> player = Player.valueOf(u.unpackString());
        case "copyright" -> copyright = u.unpackString();
        default -> u.skipValue();
      }
    }
    return new Media(
        uri,
        title,
        width,
        height,
        format,
        duration,
        size,
        bitrate,
        hasBitrate,
        persons,
        player,
        copyright);
  }

  private static Image readImage(MessageUnpacker u) throws IOException {
    String uri = "";
    String title = "";
    int width = 0;
    int height = 0;
    Size size = Size.SMALL;
    for (int n = u.unpackMapHeader(); n > 0; n--) {
      switch (u.unpackString()) {
        case "uri" -> uri = u.unpackString();
        case "title" -> title = u.unpackString();
        case "width" -> width = u.unpackInt();
        case "height" -> height = u.unpackInt();
        case "size" -> size = Size.valueOf(u.unpackString());
        default -> u.skipValue();
      }
    }
    return new Image(uri, title, width, height, size);
  }
}
