package dev.crossgrade.compat.samples;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/** The sample account as records, for the MessagePack record codec and JSON. */
public final class RecordAccounts {
  private RecordAccounts() {}

  /**
   * Version 1.
   *
   * @param id a field of the sample
   * @param name a field of the sample
   * @param visits a field of the sample
   * @param nickname a field of the sample
   * @param note a field of the sample
   */
  public record Account(long id, String name, int visits, String nickname, String note) {}

  /**
   * Version 2 with {@code tags} added.
   *
   * @param id a field of the sample
   * @param name a field of the sample
   * @param visits a field of the sample
   * @param nickname a field of the sample
   * @param note a field of the sample
   * @param tags a field of the sample
   */
  public record AccountAdded(
      long id, String name, int visits, String nickname, String note, List<String> tags) {}

  /**
   * Version 2 with {@code note} removed.
   *
   * @param id a field of the sample
   * @param name a field of the sample
   * @param visits a field of the sample
   * @param nickname a field of the sample
   */
  public record AccountRemoved(long id, String name, int visits, String nickname) {}

  /**
   * Version 2 with {@code nickname} renamed to {@code displayName}; JSON also reads the old name
   * ({@code @JsonAlias}).
   *
   * @param id a field of the sample
   * @param name a field of the sample
   * @param visits a field of the sample
   * @param displayName a field of the sample
   * @param note a field of the sample
   */
  public record AccountRenamed(
      long id, String name, int visits, @JsonAlias("nickname") String displayName, String note) {}

  /**
   * Version 2 with {@code visits} widened from int to long.
   *
   * @param id a field of the sample
   * @param name a field of the sample
   * @param visits a field of the sample
   * @param nickname a field of the sample
   * @param note a field of the sample
   */
  public record AccountWidened(long id, String name, long visits, String nickname, String note) {}
}
