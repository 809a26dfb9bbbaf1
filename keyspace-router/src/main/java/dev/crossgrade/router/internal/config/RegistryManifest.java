package dev.crossgrade.router.internal.config;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.internal.config.YamlTree.Field;
import dev.crossgrade.router.internal.config.YamlTree.ListNode;
import dev.crossgrade.router.internal.config.YamlTree.MapNode;
import dev.crossgrade.router.internal.config.YamlTree.Node;
import dev.crossgrade.router.internal.config.YamlTree.Scalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What each runtime's registries write, per keyspace, so that {@code crossgrade rollout validate
 * --manifest FILE} can check a config's writers before the config goes live, as the caches would at
 * build and on reload. The file:
 *
 * <pre>{@code
 * version: 1
 * runtimes:
 *   - name: shop-v2
 *     keyspaces:
 *       - {name: users, writes: [kryo5@v2, kryo4@v1]}   # registry, then compatibleRegistry
 * }</pre>
 *
 * A format is {@code codec@vN}, as {@code writerCodec().name()} and {@code writerSchemaVersion()}
 * of a registry give it.
 */
public final class RegistryManifest {
  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{0,62}@v\\d{1,5}");

  /**
   * A manifest read from a file, or the errors that kept it from being read.
   *
   * @param manifest the manifest, or null if there were errors
   * @param errors the errors, naming the manifest file
   */
  public record Loaded(@Nullable RegistryManifest manifest, List<ConfigError> errors) {}

  private final String file;
  private final Map<String, Map<String, List<String>>> writes;

  private RegistryManifest(String file, Map<String, Map<String, List<String>>> writes) {
    this.file = file;
    this.writes = writes;
  }

  /** Reads a manifest: a regular file of at most 1 MiB of YAML. */
  public static Loaded load(Path path) {
    ConfigFile.Text read = ConfigFile.readText(path, ConfigFile.DEFAULT_MAX_BYTES);
    return read.text() == null
        ? new Loaded(null, List.of(Objects.requireNonNull(read.error())))
        : parse(read.text(), path.toString());
  }

  /** Parses manifest YAML; {@code name} names it in errors. */
  static Loaded parse(String text, String name) {
    List<ConfigError> errors = new ArrayList<>();
    Node root;
    try {
      root = YamlTree.parse(text);
    } catch (YamlTree.SyntaxError e) {
      return new Loaded(
          null,
          List.of(
              new ConfigError(
                  name,
                  e.line,
                  e.column,
                  "(syntax)",
                  "YAML syntax error: " + e.getMessage(),
                  "correct the YAML near this line")));
    }
    Map<String, Map<String, List<String>>> writes = new LinkedHashMap<>();
    if (!(root instanceof MapNode map)) {
      errors.add(
          new ConfigError(
              name,
              root == null ? 1 : root.line(),
              root == null ? 1 : root.column(),
              "(document)",
              "a registry manifest is a map with 'version: 1' and 'runtimes:'",
              "start from the example in keyspace-router/README.md"));
      return new Loaded(null, errors);
    }
    Field version = map.get("version");
    if (version == null
        || !(version.value() instanceof Scalar scalar)
        || !"1".equals(scalar.text())) {
      errors.add(
          at(
              name,
              version == null ? map : version.value(),
              "version",
              version == null
                  ? "missing required field 'version'"
                  : "version " + version.value().kind() + " is not supported; this reads version 1",
              "set 'version: 1'"));
    }
    for (Field field : map.fields()) {
      if (!field.name().equals("version") && !field.name().equals("runtimes")) {
        errors.add(
            new ConfigError(
                name,
                field.line(),
                field.column(),
                YamlTree.key(field.name()),
                "unknown field " + YamlTree.quote(field.name()),
                "a manifest has 'version' and 'runtimes' only"));
      }
    }
    Field runtimes = map.get("runtimes");
    if (runtimes == null || !(runtimes.value() instanceof ListNode list)) {
      errors.add(
          at(
              name,
              runtimes == null ? map : runtimes.value(),
              "runtimes",
              runtimes == null
                  ? "missing required list 'runtimes'"
                  : "runtimes is " + runtimes.value().kind() + ", not a list",
              "add 'runtimes:' with '- name: my-app-v2' and its 'keyspaces:'"));
      return new Loaded(null, errors);
    }
    for (int i = 0; i < list.items().size(); i++) {
      String path = "runtimes[" + i + "]";
      Node item = list.items().get(i);
      String runtime = item instanceof MapNode entry ? text(entry, "name") : null;
      ListNode keyspaces =
          item instanceof MapNode entry && entry.get("keyspaces") != null
              ? entry.get("keyspaces").value() instanceof ListNode l ? l : null
              : null;
      if (runtime == null || keyspaces == null) {
        errors.add(
            at(
                name,
                item,
                path,
                "an entry needs 'name' and a list 'keyspaces'",
                "write '- name: my-app-v2' with 'keyspaces:' under it"));
        continue;
      }
      Map<String, List<String>> byKeyspace =
          writes.computeIfAbsent(runtime, unused -> new LinkedHashMap<>());
      for (int k = 0; k < keyspaces.items().size(); k++) {
        String keyspacePath = path + ".keyspaces[" + k + "]";
        Node ks = keyspaces.items().get(k);
        String keyspace = ks instanceof MapNode entry ? text(entry, "name") : null;
        Field formats = ks instanceof MapNode entry ? entry.get("writes") : null;
        if (keyspace == null || formats == null || !(formats.value() instanceof ListNode fl)) {
          errors.add(
              at(
                  name,
                  ks,
                  keyspacePath,
                  "an entry needs 'name' and a list 'writes'",
                  "write '- {name: users, writes: [kryo5@v2, kryo4@v1]}'"));
          continue;
        }
        List<String> written = new ArrayList<>();
        for (Node format : fl.items()) {
          String spelled = format instanceof Scalar s ? s.text() : null;
          if (spelled == null || !FORMAT.matcher(spelled).matches()) {
            errors.add(
                new ConfigError(
                    name,
                    format.line(),
                    format.column(),
                    keyspacePath + ".writes",
                    format.kind() + " is not a format such as kryo5@v2",
                    "write codec@vN: the codec's name and the schema version the registry writes"));
          } else {
            written.add(spelled);
          }
        }
        byKeyspace.put(keyspace, List.copyOf(written));
      }
    }
    return errors.isEmpty()
        ? new Loaded(new RegistryManifest(name, writes), List.of())
        : new Loaded(null, errors);
  }

  /**
   * Every writer of {@code config} that the manifest says its new runtime cannot write.
   *
   * @param config the config
   * @param lines the line of a field of the config, for the errors
   */
  public List<ConfigError> check(RolloutConfig config, ToIntFunction<String> lines) {
    List<ConfigError> errors = new ArrayList<>();
    for (KeyspaceSpec keyspace : config.keyspaces()) {
      if (keyspace.writer().codec() == null) {
        continue;
      }
      String field = "keyspaces[" + keyspace.name() + "].writer";
      int line = lines.applyAsInt(field);
      List<String> written = writes.getOrDefault(keyspace.to(), Map.of()).get(keyspace.name());
      if (written == null) {
        errors.add(
            new ConfigError(
                config.source(),
                line,
                1,
                field,
                "the manifest %s does not say what runtime '%s' writes for keyspace '%s'"
                    .formatted(file, keyspace.to(), keyspace.name()),
                "add it to the manifest: under '- name: %s', '- {name: %s, writes: [...]}'"
                    .formatted(keyspace.to(), keyspace.name())));
        continue;
      }
      WriterCheck.Problem problem =
          WriterCheck.problem(keyspace.writer(), true, keyspace.to(), written);
      if (problem != null) {
        errors.add(
            new ConfigError(
                config.source(),
                line,
                1,
                field,
                problem.message() + " (according to " + file + ")",
                problem.fix()));
      }
    }
    return errors;
  }

  private static @Nullable String text(MapNode map, String key) {
    Field field = map.get(key);
    return field != null && field.value() instanceof Scalar scalar ? scalar.text() : null;
  }

  private static ConfigError at(String file, Node node, String field, String message, String fix) {
    return new ConfigError(file, node.line(), node.column(), field, message, fix);
  }
}
