package dev.crossgrade.codec.kryo;

import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Two versions of sample user classes, registered under the same id by two codecs: version 2 adds a
 * field ({@code email}) and removes two ({@code age} and {@code nicknames}).
 */
final class Versions {
  private Versions() {}

  static final int USER_ID = 40;
  static final int LIST_ID = 41;

  /** Version 1, matched by field name. */
  public static final class UserV1 {
    @Nullable String name;
    int age = -1;
    @Nullable ArrayList<String> nicknames;

    public UserV1() {}
  }

  /** Version 2, matched by field name: {@code email} added, {@code age}, {@code nicknames} gone. */
  public static final class UserV2 {
    @Nullable String name;
    String email = "none";

    public UserV2() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof UserV2 u && Objects.equals(name, u.name) && email.equals(u.email);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, email);
    }
  }

  /** Version 1, matched by tag. The removed field is annexed so that Kryo 4 can skip it. */
  public static final class TaggedV1 {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(1)
    @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    int age = -1;

    public TaggedV1() {}
  }

  /** Version 2, matched by tag: tag 1 renamed, tag 2 gone, tag 3 added (annexed for Kryo 4). */
  public static final class TaggedV2 {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(1)
    @Nullable String fullName;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    String email = "none";

    public TaggedV2() {}
  }
}
