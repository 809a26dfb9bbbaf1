package dev.crossgrade.compat.samples;

import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The sample account as Kryo classes: fields are matched by name under Kryo's compatible serializer
 * and by {@code @Tag} under its tagged serializer (every tag annexed, so that Kryo 4 can skip a tag
 * it does not know). Each class is registered under the same id in every version.
 */
public final class KryoAccounts {
  private KryoAccounts() {}

  /** Version 1. */
  public static final class Account {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 1, annexed = true)
    public long id;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    public @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    public int visits;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(4)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 4, annexed = true)
    public @Nullable String nickname;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(5)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 5, annexed = true)
    public @Nullable String note;

    /** Creates an account with every field at its default. */
    public Account() {}
  }

  /** Version 2 with {@code tags} added (tag 6). */
  public static final class AccountAdded {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 1, annexed = true)
    public long id;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    public @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    public int visits;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(4)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 4, annexed = true)
    public @Nullable String nickname;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(5)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 5, annexed = true)
    public @Nullable String note;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(6)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 6, annexed = true)
    public ArrayList<String> tags = new ArrayList<>();

    /** Creates an account with every field at its default. */
    public AccountAdded() {}
  }

  /** Version 2 with {@code note} removed (tag 5 never reused). */
  public static final class AccountRemoved {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 1, annexed = true)
    public long id;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    public @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    public int visits;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(4)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 4, annexed = true)
    public @Nullable String nickname;

    /** Creates an account with every field at its default. */
    public AccountRemoved() {}
  }

  /** Version 2 with {@code nickname} renamed to {@code displayName} (tag 4 kept). */
  public static final class AccountRenamed {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 1, annexed = true)
    public long id;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    public @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    public int visits;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(4)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 4, annexed = true)
    public @Nullable String displayName;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(5)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 5, annexed = true)
    public @Nullable String note;

    /** Creates an account with every field at its default. */
    public AccountRenamed() {}
  }

  /** Version 2 with {@code visits} widened from int to long (tag 3 kept). */
  public static final class AccountWidened {
    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(1)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 1, annexed = true)
    public long id;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(2)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 2, annexed = true)
    public @Nullable String name;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(3)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 3, annexed = true)
    public long visits;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(4)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 4, annexed = true)
    public @Nullable String nickname;

    @com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.Tag(5)
    @com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag(value = 5, annexed = true)
    public @Nullable String note;

    /** Creates an account with every field at its default. */
    public AccountWidened() {}
  }
}
