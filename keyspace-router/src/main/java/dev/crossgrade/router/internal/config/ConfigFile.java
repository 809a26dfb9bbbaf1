package dev.crossgrade.router.internal.config;

import dev.crossgrade.router.ConfigError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a config file within bounds: only a regular file (a symbolic link to one is fine), never
 * more than a size limit, checked before anything is opened or allocated, and only a file that did
 * not change while it was read. A device ({@code /dev/zero}), a FIFO or a directory is refused
 * without being opened, so a read can neither block nor run out of memory.
 */
public final class ConfigFile {
  /** The default size limit of a config file. */
  public static final long DEFAULT_MAX_BYTES = 1 << 20;

  private static final int FIRST_BUFFER = 8192;

  private ConfigFile() {}

  /** What one read found. */
  public enum Kind {
    /** The whole file, unchanged while it was read. */
    READ,
    /** The file changed while it was read: look again later. */
    CHANGING,
    /** The file cannot be used: missing, unreadable, not a regular file, or too large. */
    PROBLEM
  }

  /**
   * One read of the file.
   *
   * @param kind what was found
   * @param bytes the content, for {@link Kind#READ}
   * @param modified the file's last-modified time, for {@link Kind#READ}
   * @param problem why the file cannot be used, for {@link Kind#PROBLEM}
   */
  public record Observation(
      Kind kind,
      byte @Nullable [] bytes,
      @Nullable Instant modified,
      @Nullable ConfigError problem) {
    static Observation read(byte[] bytes, Instant modified) {
      return new Observation(Kind.READ, bytes, modified, null);
    }

    static Observation changing() {
      return new Observation(Kind.CHANGING, null, null, null);
    }

    public static Observation problem(String file, String message, String fix) {
      return new Observation(
          Kind.PROBLEM, null, null, new ConfigError(file, 0, 0, "(file)", message, fix));
    }

    public byte[] content() {
      return Objects.requireNonNull(bytes, "only a read has content");
    }
  }

  /**
   * A file's text, or why there is none.
   *
   * @param text the file as UTF-8 text, or null
   * @param error why it could not be read, or null
   */
  public record Text(@Nullable String text, @Nullable ConfigError error) {}

  /** Reads {@code path} as UTF-8 text, within the bounds of {@link #read}. Never throws. */
  public static Text readText(Path path, long maxBytes) {
    String name = path.toString();
    Observation read = read(path, maxBytes);
    return switch (read.kind()) {
      case PROBLEM -> new Text(null, read.problem());
      case CHANGING ->
          new Text(
              null,
              new ConfigError(
                  name,
                  0,
                  0,
                  "(file)",
                  "the file changed while it was read",
                  "read it again once it is written; replace it by an atomic rename"));
      case READ -> utf8(read.content(), name);
    };
  }

  /** {@code bytes} as UTF-8 text, or the error that they are not. */
  public static Text utf8(byte[] bytes, String name) {
    try {
      return new Text(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString(),
          null);
    } catch (CharacterCodingException e) {
      return new Text(
          null,
          new ConfigError(
              name, 0, 0, "(file)", "the file is not UTF-8 text", "save the file as UTF-8"));
    }
  }

  /** Reads {@code path} if it is a regular file of at most {@code maxBytes}. Never throws. */
  public static Observation read(Path path, long maxBytes) {
    String name = path.toString();
    BasicFileAttributes before;
    try {
      before = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Observation.problem(
          name, "cannot read the file: it does not exist", "check the path and the permissions");
    } catch (IOException | RuntimeException e) {
      return cannotRead(name, e);
    }
    if (!before.isRegularFile()) {
      return Observation.problem(
          name,
          describe(path, before) + ", not a regular file; it is not opened",
          "point the config at a regular file (a symbolic link to one is fine)");
    }
    if (before.size() > maxBytes) {
      return tooLarge(name, bytes(before.size()), maxBytes);
    }
    byte[] bytes;
    try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
      bytes = readAtMost(channel, maxBytes, before.size());
    } catch (IOException | RuntimeException e) {
      return cannotRead(name, e);
    }
    if (bytes == null) {
      return tooLarge(name, "over " + bytes(maxBytes) + " (it grew while it was read)", maxBytes);
    }
    BasicFileAttributes after;
    try {
      after = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException | RuntimeException e) {
      return Observation.changing(); // replaced or removed while it was read
    }
    if (!after.isRegularFile()
        || !after.lastModifiedTime().equals(before.lastModifiedTime())
        || after.size() != before.size()
        || !Objects.equals(after.fileKey(), before.fileKey())
        || (before.size() > 0 && bytes.length != before.size())) {
      return Observation.changing();
    }
    return Observation.read(bytes, before.lastModifiedTime().toInstant());
  }

  /** The content, or null if there is more than {@code maxBytes}; reads at most one byte more. */
  private static byte @Nullable [] readAtMost(
      SeekableByteChannel channel, long maxBytes, long expected) throws IOException {
    // Files such as those under /proc say size 0 and have content: grow the buffer as needed, but
    // never past the limit.
    long cap = maxBytes + 1;
    ByteBuffer buffer =
        ByteBuffer.allocate((int) Math.min(cap, Math.max(FIRST_BUFFER, expected + 1)));
    while (true) {
      if (!buffer.hasRemaining()) {
        if (buffer.capacity() >= cap) {
          return null;
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(cap, 2L * buffer.capacity()));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    if (buffer.position() > maxBytes) {
      return null;
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static Observation cannotRead(String name, Exception e) {
    return Observation.problem(
        name,
        "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        "check the path and the permissions");
  }

  private static Observation tooLarge(String name, String size, long maxBytes) {
    return Observation.problem(
        name,
        "the file is " + size + ", over the limit of " + bytes(maxBytes) + "; it is not read",
        "a rollout config is a few KiB: point at the right file, or raise the limit"
            + " (Rollout.Builder.maxFileSize)");
  }

  /** What a non-regular file is: a directory, a character device, a FIFO... */
  private static String describe(Path path, BasicFileAttributes attributes) {
    String kind = attributes.isDirectory() ? "a directory" : "a device, FIFO or socket";
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      kind =
          switch (mode & 0170000) {
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0010000 -> "a FIFO (named pipe)";
            case 0140000 -> "a socket";
            case 0040000 -> "a directory";
            default -> kind;
          };
    } catch (IOException | RuntimeException e) {
      // No unix view here: the generic description stays.
    }
    if (Files.isSymbolicLink(path)) {
      String target;
      try {
        target = Files.readSymbolicLink(path).toString();
      } catch (IOException | RuntimeException e) {
        target = "?";
      }
      return "it is a symbolic link to " + target + ", " + kind;
    }
    return "it is " + kind;
  }

  /** A size for messages: {@code 512 bytes}, {@code 1 MiB}, {@code 10.0 MiB}. */
  static String bytes(long size) {
    if (size < 1024) {
      return size + (size == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = size;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
