package dev.crossgrade.router.internal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree whose every node knows its line and column, read with Jackson's YAML
 * parser, so that validation errors can point at the offending line. Duplicate keys are errors.
 */
public final class YamlTree {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final int MAX_DEPTH = 32;

  /**
   * The most nodes a document may have: a rollout config has hundreds, not hundreds of thousands.
   */
  static final int MAX_NODES = 100_000;

  /** How much of a value a message shows. */
  static final int SHOWN = 60;

  private YamlTree() {}

  /** A node of the tree. */
  sealed interface Node permits MapNode, ListNode, Scalar {
    int line();

    int column();

    /** What kind of node this is, for messages: "a map", "a list", "text". */
    String kind();
  }

  /** A key of a map, where it stands, and its value. */
  record Field(String name, int line, int column, Node value) {}

  /** A YAML mapping, in document order. */
  record MapNode(List<Field> fields, int line, int column) implements Node {
    @Nullable Field get(String name) {
      for (Field field : fields) {
        if (field.name().equals(name)) {
          return field;
        }
      }
      return null;
    }

    @Override
    public String kind() {
      return "a map";
    }
  }

  /** A YAML sequence. */
  record ListNode(List<Node> items, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A scalar; {@code text} is null for YAML null ({@code ~} or nothing). */
  record Scalar(@Nullable String text, int line, int column) implements Node {
    @Override
    public String kind() {
      return text == null ? "empty" : quote(text);
    }
  }

  /** A syntax error, where the parser found it. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  /** Parses {@code text}; null for an empty document. */
  static @Nullable Node parse(String text) throws SyntaxError {
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = read(parser, 0, new int[1]);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new SyntaxError(
            "more than one YAML document; a config file holds one",
            at.getLineNr(),
            at.getColumnNr());
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SyntaxError(
          clean(e.getOriginalMessage()),
          at == null ? 0 : Math.max(0, at.getLineNr()),
          at == null ? 0 : Math.max(0, at.getColumnNr()));
    } catch (IOException e) {
      throw new SyntaxError("could not read YAML: " + e.getMessage(), 0, 0);
    }
  }

  /** Reads the node at the parser's current token; {@code count} counts the nodes read so far. */
  private static Node read(JsonParser parser, int depth, int[] count)
      throws IOException, SyntaxError {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new SyntaxError("nested deeper than " + MAX_DEPTH + " levels", line, column);
    }
    if (++count[0] > MAX_NODES) {
      throw new SyntaxError(
          "more than %s keys and values; a rollout config has one entry per runtime and keyspace"
              .formatted(MAX_NODES),
          line,
          column);
    }
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      List<Field> fields = new ArrayList<>();
      Map<String, Field> seen = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation keyAt = parser.currentTokenLocation();
        String name = parser.currentName();
        Field first = seen.get(name);
        if (first != null) {
          throw new SyntaxError(
              "key %s appears twice in the same map (first on line %s)"
                  .formatted(quote(name), first.line()),
              keyAt.getLineNr(),
              keyAt.getColumnNr());
        }
        parser.nextToken();
        Field field =
            new Field(name, keyAt.getLineNr(), keyAt.getColumnNr(), read(parser, depth + 1, count));
        seen.put(name, field);
        fields.add(field);
      }
      return new MapNode(List.copyOf(fields), line, column);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, depth + 1, count));
      }
      return new ListNode(List.copyOf(items), line, column);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new Scalar(null, line, column);
    }
    return new Scalar(parser.getText(), line, column);
  }

  /** A key as a field path shows it: shortened, and {@code ''} for the empty key. */
  static String key(String name) {
    return name.isEmpty() ? "''" : abbreviate(name);
  }

  /** {@code text} in single quotes, shortened to {@value #SHOWN} characters for messages. */
  static String quote(String text) {
    return "'" + abbreviate(text) + "'";
  }

  /** {@code text}, shortened to {@value #SHOWN} characters, saying how long it was. */
  static String abbreviate(String text) {
    if (text.length() <= SHOWN) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
    return text.substring(0, end) + "... (" + text.length() + " characters)";
  }

  private static String clean(@Nullable String message) {
    if (message == null) {
      return "YAML syntax error";
    }
    String first = message.strip();
    int newline = first.indexOf('\n');
    return newline < 0 ? first : first.substring(0, newline).strip();
  }
}
