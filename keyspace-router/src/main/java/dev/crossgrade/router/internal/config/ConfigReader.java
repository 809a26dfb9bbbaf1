package dev.crossgrade.router.internal.config;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecProvider;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.CodecSpec;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.RuntimeSpec;
import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutConfig.TransportSpec;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import dev.crossgrade.router.ValidationResult;
import dev.crossgrade.router.internal.cache.BuiltInTransport;
import dev.crossgrade.router.internal.config.YamlTree.Field;
import dev.crossgrade.router.internal.config.YamlTree.ListNode;
import dev.crossgrade.router.internal.config.YamlTree.MapNode;
import dev.crossgrade.router.internal.config.YamlTree.Node;
import dev.crossgrade.router.internal.config.YamlTree.Scalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a rollout config from YAML, collecting every error rather than stopping at the first.
 *
 * <p>Over 500 lines, on purpose: one method per section of the file, each with the messages (file,
 * line, field, fix) for what it refuses; the cross-field rules are in {@link WriterCheck} and
 * {@link RegistryManifest}.
 */
public final class ConfigReader {
  private static final Duration DEFAULT_CAPABILITY_TTL = Duration.ofSeconds(60);
  private static final Duration DEFAULT_CAPABILITY_REFRESH = Duration.ofSeconds(15);
  private static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(10);
  private static final TransportSpec DEFAULT_TRANSPORT =
      new TransportSpec(
          BuiltInTransport.EMBEDDED,
          List.of(),
          Duration.ofMillis(250),
          Duration.ofSeconds(1),
          64L << 20);
  private static final List<String> ROOT_FIELDS =
      List.of(
          "version",
          "prefix",
          "capabilities",
          "leaseTtl",
          "transport",
          "codecs",
          "runtimes",
          "keyspaces");
  private static final List<String> CAPABILITY_FIELDS = List.of("ttl", "refresh");
  private static final List<String> TRANSPORT_FIELDS =
      List.of("client", "servers", "timeout", "connectTimeout", "embeddedSize");
  private static final List<String> CODEC_FIELDS = List.of("name", "id");
  private static final List<String> RUNTIME_FIELDS = List.of("name", "generation");
  private static final List<String> KEYSPACE_FIELDS =
      List.of("name", "from", "to", "phase", "ttl", "writer");
  private static final List<String> WRITER_FIELDS =
      List.of("codec", "schemaVersion", "percent", "stickiness", "cohorts");
  private static final Pattern CODEC_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");
  private static final String NAME_RULE =
      "use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";
  private static final String DURATION_RULE = "write a duration such as 250ms, 30s, 10m or 1h";

  /** The most errors reported for one file; the rest are counted in one last error. */
  public static final int MAX_ERRORS = 100;

  /** The longest line read, in characters. */
  public static final int MAX_LINE = 64 * 1024;

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();
  private int omitted;
  private @Nullable ConfigError firstOmitted;
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  private final ConfigParts.Assembler assembler;

  /**
   * A reader of one file.
   *
   * @param file the file's name, for errors
   * @param assembler makes the API value of what was read
   */
  public ConfigReader(String file, ConfigParts.Assembler assembler) {
    this.file = file;
    this.assembler = assembler;
  }

  public ValidationResult read(String yaml) {
    int[] longLine = longestLine(yaml);
    if (longLine[1] > MAX_LINE) {
      // The YAML scanner's cost grows faster than the length of one token: refuse before parsing.
      error(
          longLine[0],
          1,
          "(document)",
          "line " + longLine[0] + " is " + longLine[1] + " characters long, over " + MAX_LINE,
          "break the line up; a rollout config's lines are short");
      return result(null);
    }
    Node root;
    try {
      root = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxError e) {
      error(
          e.line,
          e.column,
          "(syntax)",
          "YAML syntax error: " + e.getMessage(),
          "correct the YAML near this line: indentation, a ':' after each key, matching quotes"
              + " and brackets");
      return result(null);
    }
    if (root == null) {
      error(1, 1, "(document)", "the file is empty", "start from the sample config in the docs");
      return result(null);
    }
    if (!(root instanceof MapNode map)) {
      error(
          root,
          "(document)",
          "the top level is " + root.kind() + ", not a map of settings",
          "start the file with 'version: 1' and 'prefix: ...' on their own lines");
      return result(null);
    }
    unknownFields(map, ROOT_FIELDS, "");

    Integer version = integer(map, "version", "version", true);
    if (version != null && version != 1) {
      error(
          map.get("version").value(),
          "version",
          "version " + version + " is not supported; this library reads version 1",
          "set 'version: 1'");
    }
    String prefix = name(map, "prefix", "prefix", true);
    lines.put("prefix", map.get("prefix") == null ? map.line() : map.get("prefix").line());
    lines.put("keyspaces", map.get("keyspaces") == null ? map.line() : map.get("keyspaces").line());
    lines.put("transport", map.get("transport") == null ? map.line() : map.get("transport").line());

    Duration capabilityTtl = DEFAULT_CAPABILITY_TTL;
    Duration capabilityRefresh = DEFAULT_CAPABILITY_REFRESH;
    MapNode capabilities = map(map, "capabilities", "capabilities", false);
    if (capabilities != null) {
      unknownFields(capabilities, CAPABILITY_FIELDS, "capabilities.");
      Duration ttl =
          duration(
              capabilities, "ttl", "capabilities.ttl", Duration.ofSeconds(2), Duration.ofHours(24));
      Duration refresh =
          duration(
              capabilities,
              "refresh",
              "capabilities.refresh",
              Duration.ofMillis(100),
              Duration.ofHours(12));
      capabilityTtl = ttl == null ? capabilityTtl : ttl;
      capabilityRefresh = refresh == null ? capabilityRefresh : refresh;
      if (capabilityRefresh.multipliedBy(2).compareTo(capabilityTtl) > 0) {
        error(
            capabilities,
            "capabilities.refresh",
            ("refresh %s is more than half the ttl %s, so a live "
                    + "runtime's record could expire between two refreshes")
                .formatted(Durations.format(capabilityRefresh), Durations.format(capabilityTtl)),
            "make refresh at most half of ttl, e.g. ttl: 60s with refresh: 15s");
      }
    }
    Duration leaseTtl =
        duration(map, "leaseTtl", "leaseTtl", Duration.ofMillis(100), Duration.ofHours(1));
    TransportSpec transport = transport(map);
    List<CodecSpec> codecs = codecs(map);
    Map<String, RuntimeSpec> runtimes = runtimes(map);
    List<KeyspaceSpec> keyspaces = keyspaces(map, runtimes, codecs);

    if (!errors.isEmpty() || prefix == null) {
      return result(null);
    }
    try {
      return result(
          assembler.apply(
              new ConfigParts(
                  file,
                  prefix,
                  capabilityTtl,
                  capabilityRefresh,
                  leaseTtl == null ? DEFAULT_LEASE_TTL : leaseTtl,
                  transport,
                  codecs,
                  List.copyOf(runtimes.values()),
                  keyspaces,
                  lines)));
    } catch (IllegalArgumentException e) {
      error(map, "(document)", e.getMessage(), "correct the value named in the message");
      return result(null);
    }
  }

  /** The 1-based number and the length of the longest line. */
  private static int[] longestLine(String text) {
    int[] longest = {1, 0};
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > longest[1]) {
          longest[0] = line;
          longest[1] = i - start;
        }
        line++;
        start = i + 1;
      }
    }
    return longest;
  }

  private ValidationResult result(@Nullable RolloutConfig config) {
    if (!errors.isEmpty()) {
      List<ConfigError> sorted = new ArrayList<>(errors);
      sorted.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
      if (firstOmitted != null) {
        sorted.add(
            new ConfigError(
                file,
                firstOmitted.line(),
                firstOmitted.column(),
                "(more)",
                omitted + " more errors, from this line on, are not listed",
                "correct the errors above and validate again"));
      }
      return new ValidationResult(file, sorted, null);
    }
    return new ValidationResult(file, List.of(), config);
  }

  /**
   * The clients available here and those of this project's transport modules, for "did you mean".
   */
  private static List<String> knownClients(List<String> available) {
    List<String> known = new ArrayList<>(available);
    BuiltInTransport.MODULES.keySet().stream()
        .sorted()
        .filter(name -> !known.contains(name))
        .forEach(known::add);
    return known;
  }

  private TransportSpec transport(MapNode root) {
    MapNode node = map(root, "transport", "transport", false);
    if (node == null) {
      return DEFAULT_TRANSPORT;
    }
    unknownFields(node, TRANSPORT_FIELDS, "transport.");
    TransportSpec defaults = DEFAULT_TRANSPORT;
    String client = defaults.client();
    String clientText = text(node, "client", "transport.client", false);
    if (clientText != null) {
      List<String> clients = CacheTransportProvider.names();
      if (clients.contains(clientText)) {
        client = clientText;
      } else {
        String module = BuiltInTransport.MODULES.get(clientText);
        error(
            node.get("client").value(),
            "transport.client",
            module == null
                ? "unknown client " + YamlTree.quote(clientText)
                : "client " + YamlTree.quote(clientText) + " is not on the class path",
            module == null
                ? "write it exactly as one of "
                    + String.join(", ", clients)
                    + suggestion(clientText, knownClients(clients))
                    + ", or put the transport module that provides it on the class path (such as"
                    + " crossgrade-transport-lettuce for lettuce and lettuce-cluster)"
                : "add the dependency " + module + " (it provides " + clientText + ")");
      }
    }
    List<String> servers = new ArrayList<>();
    Field serversField = node.get("servers");
    if (serversField != null) {
      if (serversField.value() instanceof ListNode list) {
        for (int i = 0; i < list.items().size(); i++) {
          Node item = list.items().get(i);
          String path = "transport.servers[" + i + "]";
          if (item instanceof Scalar scalar && scalar.text() != null) {
            Matcher matcher = HOST_PORT.matcher(scalar.text().trim());
            int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : -1;
            if (port < 1 || port > 65_535) {
              error(
                  item,
                  path,
                  YamlTree.quote(scalar.text()) + " is not host:port",
                  "write a server as host:port, such as 127.0.0.1:11211");
            } else {
              servers.add(scalar.text().trim());
            }
          } else {
            error(item, path, "a server is " + item.kind() + ", not host:port", "write host:port");
          }
        }
      } else {
        error(
            serversField.value(),
            "transport.servers",
            "servers is " + serversField.value().kind() + ", not a list",
            "write servers: [127.0.0.1:11211, 127.0.0.1:11212]");
      }
    }
    if (!client.equals(BuiltInTransport.EMBEDDED) && servers.isEmpty() && serversField == null) {
      error(
          node,
          "transport.servers",
          "client " + client + " needs at least one server",
          "add servers: [host:port, ...], or use client: embedded");
    }
    Duration timeout =
        duration(
            node, "timeout", "transport.timeout", Duration.ofMillis(1), Duration.ofSeconds(60));
    Duration connect =
        duration(
            node,
            "connectTimeout",
            "transport.connectTimeout",
            Duration.ofMillis(1),
            Duration.ofSeconds(60));
    long embeddedBytes = defaults.embeddedBytes();
    String size = text(node, "embeddedSize", "transport.embeddedSize", false);
    if (size != null) {
      Matcher matcher = SIZE.matcher(size.trim());
      long bytes = -1;
      if (matcher.matches()) {
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift =
            switch (unit) {
              case "KiB" -> 10;
              case "MiB" -> 20;
              case "GiB" -> 30;
              default -> 0;
            };
        bytes = Long.parseLong(matcher.group(1)) << shift;
      }
      if (bytes < 1024 || bytes > (64L << 30)) {
        error(
            node.get("embeddedSize").value(),
            "transport.embeddedSize",
            YamlTree.quote(size) + " is not a size from 1KiB to 64GiB",
            "write a size such as 64MiB");
      } else {
        embeddedBytes = bytes;
      }
    }
    return new TransportSpec(
        client,
        servers,
        timeout == null ? defaults.timeout() : timeout,
        connect == null ? defaults.connectTimeout() : connect,
        embeddedBytes);
  }

  private List<CodecSpec> codecs(MapNode root) {
    List<CodecSpec> codecs = new ArrayList<>();
    ListNode list = list(root, "codecs", "codecs", false);
    if (list == null) {
      return codecs;
    }
    Map<String, Node> names = new LinkedHashMap<>();
    Map<Integer, Node> ids = new LinkedHashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String path = "codecs[" + i + "]";
      MapNode entry = entry(list.items().get(i), path, "{name: my-codec, id: 0x80}");
      if (entry == null) {
        continue;
      }
      unknownFields(entry, CODEC_FIELDS, path + ".");
      String name = text(entry, "name", path + ".name", true);
      Integer id = integer(entry, "id", path + ".id", true);
      boolean ok = name != null && id != null;
      if (name != null) {
        Node at = entry.get("name").value();
        if (!CODEC_NAME.matcher(name).matches()) {
          error(
              at,
              path + ".name",
              YamlTree.quote(name) + " is not a codec name",
              "use lower-case letters, digits and '-', starting with a letter");
          ok = false;
        } else if (WellKnownCodecs.byName(name).isPresent()) {
          error(
              at,
              path + ".name",
              YamlTree.quote(name) + " is a well-known codec, declared already",
              "remove this entry; well-known codecs need none");
          ok = false;
        } else if (names.containsKey(name)) {
          error(
              at,
              path + ".name",
              "codec '%s' is declared twice (first on line %s)"
                  .formatted(name, names.get(name).line()),
              "keep one entry per codec");
          ok = false;
        } else {
          names.put(name, at);
        }
      }
      if (id != null) {
        Node at = entry.get("id").value();
        if (id < 0x80 || id > 0xFF) {
          error(
              at,
              path + ".id",
              "id " + id + " is outside the user range 0x80 to 0xff (128 to 255)",
              "pick a free id from 0x80 to 0xff; ids below 0x80 are reserved for Crossgrade");
          ok = false;
        } else if (ids.containsKey(id)) {
          error(
              at,
              path + ".id",
              String.format(
                  Locale.ROOT,
                  "id 0x%02x is used twice (first on line %d)",
                  id,
                  ids.get(id).line()),
              "give every codec its own id");
          ok = false;
        } else {
          ids.put(id, at);
        }
      }
      if (ok) {
        codecs.add(new CodecSpec(name, id));
      }
    }
    return codecs;
  }

  private Map<String, RuntimeSpec> runtimes(MapNode root) {
    Map<String, RuntimeSpec> runtimes = new LinkedHashMap<>();
    ListNode list = list(root, "runtimes", "runtimes", true);
    if (list == null) {
      return runtimes;
    }
    if (list.items().isEmpty()) {
      error(
          list,
          "runtimes",
          "the list of runtimes is empty",
          "add '- {name: my-app-v1, generation: 1}'");
    }
    Map<Integer, String> generations = new LinkedHashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String path = "runtimes[" + i + "]";
      MapNode entry = entry(list.items().get(i), path, "{name: my-app-v1, generation: 1}");
      if (entry == null) {
        continue;
      }
      unknownFields(entry, RUNTIME_FIELDS, path + ".");
      String name = name(entry, "name", path + ".name", true);
      Integer generation = integer(entry, "generation", path + ".generation", true);
      if (generation != null && (generation < 1 || generation > KeyRouter.MAX_GENERATION)) {
        error(
            entry.get("generation").value(),
            path + ".generation",
            "generation " + generation + " is not 1 to 65535",
            "use a whole number from 1 to 65535, one per runtime");
        generation = null;
      }
      if (name != null && runtimes.containsKey(name)) {
        error(
            entry.get("name").value(),
            path + ".name",
            "runtime " + YamlTree.quote(name) + " is declared twice",
            "keep one entry per runtime");
        continue;
      }
      if (generation != null && generations.containsKey(generation)) {
        error(
            entry.get("generation").value(),
            path + ".generation",
            "generation %s is already runtime '%s''s; two runtimes would share keys"
                .formatted(generation, generations.get(generation)),
            "give every runtime its own generation, e.g. the next unused number");
        continue;
      }
      if (name != null && generation != null) {
        runtimes.put(name, new RuntimeSpec(name, generation));
        generations.put(generation, name);
      }
    }
    return runtimes;
  }

  private List<KeyspaceSpec> keyspaces(
      MapNode root, Map<String, RuntimeSpec> runtimes, List<CodecSpec> declared) {
    List<KeyspaceSpec> keyspaces = new ArrayList<>();
    ListNode list = list(root, "keyspaces", "keyspaces", true);
    if (list == null) {
      return keyspaces;
    }
    if (list.items().isEmpty()) {
      error(
          list,
          "keyspaces",
          "the list of keyspaces is empty",
          "add one entry per cached type: '- {name: users, to: my-app-v1, phase: SPLIT}'");
    }
    Set<String> known = knownCodecs(declared);
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      String path = "keyspaces[" + i + "]";
      MapNode entry =
          entry(list.items().get(i), path, "{name: users, to: my-app-v1, phase: SPLIT}");
      if (entry == null) {
        continue;
      }
      int errorsBefore = errors.size() + omitted;
      unknownFields(entry, KEYSPACE_FIELDS, path + ".");
      String name = name(entry, "name", path + ".name", true);
      if (name != null) {
        lines.putIfAbsent("keyspaces[" + name + "]", entry.line());
        Field writerField = entry.get("writer");
        Field cohortsField =
            writerField != null && writerField.value() instanceof MapNode w
                ? w.get("cohorts")
                : null;
        if (cohortsField != null) {
          lines.putIfAbsent("keyspaces[" + name + "].writer.cohorts", cohortsField.line());
        }
        lines.putIfAbsent(
            "keyspaces[" + name + "].writer",
            writerField == null ? entry.line() : writerField.line());
      }
      if (name != null && !seen.add(name)) {
        error(
            entry.get("name").value(),
            path + ".name",
            "keyspace " + YamlTree.quote(name) + " is declared twice",
            "keep one entry per keyspace");
        name = null;
      }
      String to = runtimeRef(entry, "to", path, runtimes, true);
      String from = runtimeRef(entry, "from", path, runtimes, false);
      if (to != null && to.equals(from)) {
        error(
            entry.get("from").value(),
            path + ".from",
            "from and to are the same runtime " + YamlTree.quote(to),
            "set from to the old runtime and to to the new one, or remove from");
        from = null;
      }
      Phase phase = null;
      String phaseText = text(entry, "phase", path + ".phase", true);
      if (phaseText != null) {
        Node at = entry.get("phase").value();
        int index =
            choice(
                at,
                path + ".phase",
                "phase",
                phaseText,
                Arrays.stream(Phase.values()).map(Phase::label).toList());
        phase = index < 0 ? null : Phase.values()[index];
        if (phase != null
            && entry.get("from") == null
            && phase != Phase.SPLIT
            && phase != Phase.UNIFIED) {
          error(
              at,
              path + ".phase",
              "phase " + phase.label() + " needs an old runtime, and this keyspace has no 'from'",
              "add 'from: <old runtime>', or use UNIFIED for a keyspace with one runtime");
          phase = null;
        }
      }
      Duration ttl =
          duration(entry, "ttl", path + ".ttl", Duration.ofSeconds(1), Duration.ofDays(365));
      WriterSpec writer = writer(entry, path, known);
      if (name != null
          && to != null
          && phase != null
          && writer != null
          && errors.size() + omitted == errorsBefore) {
        keyspaces.add(
            new KeyspaceSpec(
                name, from, to, phase, ttl == null ? Duration.ofHours(1) : ttl, writer));
      }
    }
    return keyspaces;
  }

  private @Nullable WriterSpec writer(MapNode keyspace, String path, Set<String> known) {
    MapNode node = map(keyspace, "writer", path + ".writer", false);
    if (node == null) {
      return keyspace.get("writer") == null ? new WriterSpec(null, 1, 100, Stickiness.KEY) : null;
    }
    String base = path + ".writer.";
    unknownFields(node, WRITER_FIELDS, base);
    boolean ok = true;
    String codec = text(node, "codec", base + "codec", false);
    if (codec != null && !known.contains(codec)) {
      error(
          node.get("codec").value(),
          base + "codec",
          "unknown codec " + YamlTree.quote(codec),
          "use one of %s, or declare it under 'codecs:' with an id from 0x80 to 0xff%s"
              .formatted(String.join(", ", new TreeSet<>(known)), suggestion(codec, known)));
      ok = false;
    }
    Integer schema = integer(node, "schemaVersion", base + "schemaVersion", false);
    if (schema != null && (schema < 0 || schema > 65_535)) {
      error(
          node.get("schemaVersion").value(),
          base + "schemaVersion",
          "schema version " + schema + " is not 0 to 65535",
          "use the schema version the new runtime writes");
      ok = false;
    }
    Integer percent = null;
    Field percentField = node.get("percent");
    if (percentField != null) {
      String text = scalarText(percentField.value(), base + "percent");
      if (text != null) {
        String digits =
            text.trim().endsWith("%")
                ? text.trim().substring(0, text.trim().length() - 1).trim()
                : text.trim();
        Integer parsed = parseInt(digits);
        if (parsed == null || parsed < 0 || parsed > 100) {
          error(
              percentField.value(),
              base + "percent",
              YamlTree.quote(text) + " is not a percentage from 0 to 100",
              "use a whole number from 0 to 100: the share of keys written in the rolled-out format");
          ok = false;
        } else {
          percent = parsed;
        }
      } else {
        ok = false;
      }
    }
    Stickiness stickiness = Stickiness.KEY;
    String sticky = text(node, "stickiness", base + "stickiness", false);
    if (sticky != null) {
      int index =
          choice(
              node.get("stickiness").value(),
              base + "stickiness",
              "stickiness",
              sticky,
              Arrays.stream(Stickiness.values()).map(ConfigReader::lowerCase).toList());
      if (index < 0) {
        ok = false;
      } else {
        stickiness = Stickiness.values()[index];
      }
    }
    List<String> cohorts = cohorts(node, base + "cohorts");
    if (!ok || cohorts == null) {
      return null;
    }
    return new WriterSpec(
        codec, schema == null ? 1 : schema, percent == null ? 100 : percent, stickiness, cohorts);
  }

  /** {@code cohorts: [dev, employees]}: distinct names; null after an error. */
  private @Nullable List<String> cohorts(MapNode writer, String path) {
    Field field = writer.get("cohorts");
    if (field == null) {
      return List.of();
    }
    if (!(field.value() instanceof ListNode list)) {
      error(
          field.value(),
          path,
          "cohorts is " + field.value().kind() + ", not a list",
          "write cohorts: [dev, employees]");
      return null;
    }
    List<String> cohorts = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      String at = path + "[" + i + "]";
      String name = item instanceof Scalar scalar ? scalar.text() : null;
      if (name == null || !KeyRouter.isValidName(name)) {
        error(
            item,
            at,
            (name == null ? "a cohort is " + item.kind() : YamlTree.quote(name))
                + " is not a cohort name",
            NAME_RULE);
        ok = false;
      } else if (cohorts.contains(name)) {
        error(
            item,
            at,
            "cohort " + YamlTree.quote(name) + " is listed twice",
            "list each cohort once");
        ok = false;
      } else {
        cohorts.add(name);
      }
    }
    return ok ? cohorts : null;
  }

  private @Nullable String runtimeRef(
      MapNode entry, String key, String path, Map<String, RuntimeSpec> runtimes, boolean required) {
    String name = text(entry, key, path + "." + key, required);
    if (name == null) {
      return null;
    }
    if (!runtimes.containsKey(name)) {
      error(
          entry.get(key).value(),
          path + "." + key,
          "unknown runtime " + YamlTree.quote(name),
          "use one of the runtimes declared under 'runtimes:' (%s)%s"
              .formatted(
                  String.join(", ", runtimes.keySet()), suggestion(name, runtimes.keySet())));
      return null;
    }
    return name;
  }

  private static Set<String> knownCodecs(List<CodecSpec> declared) {
    Set<String> known = new LinkedHashSet<>();
    for (CodecDescriptor descriptor : WellKnownCodecs.all()) {
      known.add(descriptor.name());
    }
    try {
      for (Codec<Object> codec : CodecProvider.all()) {
        known.add(codec.descriptor().name());
      }
    } catch (RuntimeException | java.util.ServiceConfigurationError e) {
      // A broken provider on the class path leaves only the well-known and declared codecs.
    }
    for (CodecSpec codec : declared) {
      known.add(codec.name());
    }
    return known;
  }

  // --- field helpers ---------------------------------------------------------------------------

  /**
   * The index of {@code text} in {@code spellings}, which it must match exactly (one spelling per
   * value, as the docs write it), or -1 after reporting it with the nearest spelling.
   */
  private int choice(Node at, String path, String what, String text, List<String> spellings) {
    int index = spellings.indexOf(text);
    if (index < 0) {
      error(
          at,
          path,
          "unknown " + what + " " + YamlTree.quote(text),
          "write it exactly as one of "
              + String.join(", ", spellings)
              + suggestion(text, spellings));
    }
    return index;
  }

  private static String lowerCase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private void unknownFields(MapNode map, List<String> allowed, String base) {
    for (Field field : map.fields()) {
      if (!allowed.contains(field.name())) {
        error(
            field.line(),
            field.column(),
            base + YamlTree.key(field.name()),
            "unknown field " + YamlTree.quote(field.name()),
            "remove it or correct the spelling; allowed here: "
                + String.join(", ", allowed)
                + suggestion(field.name(), allowed));
      }
    }
  }

  private @Nullable Field required(MapNode map, String key, String path, boolean required) {
    Field field = map.get(key);
    if (field == null && required) {
      error(
          map,
          path,
          "missing required field '" + key + "'",
          "add '" + key + ":' to this " + (path.contains(".") ? "entry" : "file"));
    }
    return field;
  }

  private @Nullable String scalarText(Node node, String path) {
    if (node instanceof Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
      return scalar.text();
    }
    error(
        node,
        path,
        "the value is " + node.kind() + ", not a single value",
        "write one value after the ':'");
    return null;
  }

  private @Nullable String text(MapNode map, String key, String path, boolean required) {
    Field field = required(map, key, path, required);
    return field == null ? null : scalarText(field.value(), path);
  }

  private @Nullable String name(MapNode map, String key, String path, boolean required) {
    String text = text(map, key, path, required);
    if (text != null && !KeyRouter.isValidName(text)) {
      error(map.get(key).value(), path, YamlTree.quote(text) + " is not a valid name", NAME_RULE);
      return null;
    }
    return text;
  }

  private @Nullable Integer integer(MapNode map, String key, String path, boolean required) {
    String text = text(map, key, path, required);
    if (text == null) {
      return null;
    }
    Integer value = parseInt(text.trim());
    if (value == null) {
      error(
          map.get(key).value(),
          path,
          YamlTree.quote(text) + " is not a whole number",
          "write a whole number such as 1 (or 0x80 for an id)");
    }
    return value;
  }

  private static @Nullable Integer parseInt(String text) {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Integer.parseInt(text.substring(2), 16);
      }
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private @Nullable Duration duration(
      MapNode map, String key, String path, Duration min, Duration max) {
    String text = text(map, key, path, false);
    if (text == null) {
      return null;
    }
    Duration value = Durations.parse(text);
    Node at = map.get(key).value();
    if (value == null) {
      error(at, path, YamlTree.quote(text) + " is not a duration", DURATION_RULE);
      return null;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      error(
          at,
          path,
          "%s is outside %s to %s"
              .formatted(Durations.format(value), Durations.format(min), Durations.format(max)),
          DURATION_RULE + " within that range");
      return null;
    }
    return value;
  }

  private @Nullable MapNode map(MapNode parent, String key, String path, boolean required) {
    Field field = required(parent, key, path, required);
    if (field == null) {
      return null;
    }
    if (field.value() instanceof MapNode map) {
      return map;
    }
    error(
        field.value(),
        path,
        path + " is " + field.value().kind() + ", not a map",
        "indent its fields under '" + key + ":'");
    return null;
  }

  private @Nullable ListNode list(MapNode parent, String key, String path, boolean required) {
    Field field = parent.get(key);
    if (field == null) {
      if (required) {
        error(
            parent,
            path,
            "missing required list '" + key + "'",
            key.equals("keyspaces")
                ? "add 'keyspaces:' with one entry per cached type, e.g. '- {name: users, to: my-app-v1, phase: SPLIT}'"
                : "add '" + key + ":' with at least one entry");
      }
      return null;
    }
    if (field.value() instanceof ListNode list) {
      return list;
    }
    error(
        field.value(),
        path,
        path + " is " + field.value().kind() + ", not a list",
        "write each entry on its own line starting with '- '");
    return null;
  }

  private @Nullable MapNode entry(Node node, String path, String example) {
    if (node instanceof MapNode map) {
      return map;
    }
    error(
        node, path, "the entry is " + node.kind() + ", not a map", "write the entry as " + example);
    return null;
  }

  /** "; did you mean 'x'?" for the option closest to {@code wrong}, or nothing. */
  static String suggestion(String wrong, java.util.Collection<String> options) {
    if (wrong.length() > YamlTree.SHOWN) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String option : options) {
      int distance = distance(wrong.toLowerCase(Locale.ROOT), option.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = option;
      }
    }
    if (best != null && bestDistance <= Math.max(2, wrong.length() / 3)) {
      return "; did you mean " + YamlTree.quote(best) + "?";
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private void error(Node at, String field, String message, String fix) {
    error(at.line(), at.column(), field, message, fix);
  }

  private void error(int line, int column, String field, String message, String fix) {
    ConfigError error = new ConfigError(file, line, column, field, message, fix);
    if (errors.size() < MAX_ERRORS) {
      errors.add(error);
      return;
    }
    omitted++;
    if (firstOmitted == null) {
      firstOmitted = error;
    }
  }
}
