package dev.crossgrade.codec.kryo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Kryo codec of either generation is built from: the value type, the registered classes with
 * their ids, the evolution serializer and whether references are tracked. Mutable only while a
 * builder fills it; the codec keeps a frozen copy.
 */
final class KryoConfig {
  /** One registered class and its id. */
  record Entry(Class<?> type, int id) {}

  private final Class<?> valueType;
  private final String builderName;
  private final Map<Class<?>, Entry> byType = new LinkedHashMap<>();
  private final Map<Integer, Entry> byId = new LinkedHashMap<>();
  private KryoEvolution evolution = KryoEvolution.COMPATIBLE;
  private boolean evolutionSet;
  private boolean references;
  private boolean referencesSet;
  private final boolean generic;

  KryoConfig(Class<?> valueType, String builderName, boolean generic) {
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.builderName = builderName;
    this.generic = generic;
  }

  void register(Class<?> type, int id) {
    Objects.requireNonNull(type, "type");
    if (id < 0) {
      throw new IllegalArgumentException(
          "registration id of " + type.getName() + " must be 0 or more, was " + id);
    }
    Entry sameType = byType.get(type);
    if (sameType != null) {
      throw new IllegalStateException(
          type.getName() + " was already registered, with id " + sameType.id());
    }
    Entry sameId = byId.get(id);
    if (sameId != null) {
      throw new IllegalStateException(
          "id " + id + " was already given to " + sameId.type().getName());
    }
    TypeRules.checkRegistrable(type);
    Entry entry = new Entry(type, id);
    byType.put(type, entry);
    byId.put(id, entry);
  }

  void evolution(KryoEvolution evolution) {
    if (evolutionSet) {
      throw new IllegalStateException("evolution was already set");
    }
    this.evolution = Objects.requireNonNull(evolution, "evolution");
    this.evolutionSet = true;
  }

  void references(boolean enabled) {
    if (referencesSet) {
      throw new IllegalStateException("references was already set");
    }
    this.references = enabled;
    this.referencesSet = true;
  }

  /** Checks that values of the value type can be written at all. */
  void validate() {
    if (generic || TypeRules.isBuiltIn(valueType)) {
      return;
    }
    for (Class<?> type : byType.keySet()) {
      if (valueType.isAssignableFrom(type)) {
        return;
      }
    }
    throw new IllegalStateException(
        "no registered class is a %s: call %s.register(%s.class, id)"
            .formatted(valueType.getName(), builderName, valueType.getSimpleName()));
  }

  Class<?> valueType() {
    return valueType;
  }

  String builderName() {
    return builderName;
  }

  List<Entry> registrations() {
    return List.copyOf(new ArrayList<>(byType.values()));
  }

  KryoEvolution evolution() {
    return evolution;
  }

  boolean references() {
    return references;
  }

  boolean generic() {
    return generic;
  }
}
