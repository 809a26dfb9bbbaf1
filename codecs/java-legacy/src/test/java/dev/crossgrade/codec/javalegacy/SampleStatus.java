package dev.crossgrade.codec.javalegacy;

/** An enum held by {@link SampleAccount}; on the allow-list in tests. */
enum SampleStatus {
  OPEN,
  FROZEN,
  CLOSED
}
