package dev.crossgrade.codec.javalegacy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typical cached domain object; on the allow-list in tests. Its shape and serialVersionUID are
 * frozen: golden payloads hold instances of it.
 */
final class SampleAccount implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final long balanceCents;
  private final ArrayList<String> tags;
  private final LocalDate opened;
  private final SampleStatus status;

  SampleAccount(
      String id, long balanceCents, List<String> tags, LocalDate opened, SampleStatus status) {
    this.id = id;
    this.balanceCents = balanceCents;
    this.tags = new ArrayList<>(tags);
    this.opened = opened;
    this.status = status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleAccount other
        && id.equals(other.id)
        && balanceCents == other.balanceCents
        && tags.equals(other.tags)
        && opened.equals(other.opened)
        && status == other.status;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, balanceCents, tags, opened, status);
  }

  @Override
  public String toString() {
    return "SampleAccount["
        + id
        + ", "
        + balanceCents
        + ", "
        + tags
        + ", "
        + opened
        + ", "
        + status
        + "]";
  }
}
