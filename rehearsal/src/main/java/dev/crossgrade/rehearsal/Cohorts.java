package dev.crossgrade.rehearsal;

import java.util.List;
import java.util.Set;

/**
 * The cohorts of the rehearsal's requests, as a staged rollout sees its callers: 2% {@code dev}, 8%
 * {@code employees}, the rest {@code users}. The new runtime's cache declares them, and its cohort
 * function reads the cohort of the request the calling thread is serving.
 */
final class Cohorts {
  static final String DEV = "dev";
  static final String EMPLOYEES = "employees";
  static final String USERS = "users";

  /** The cohorts the cache declares, in the report's order. */
  static final List<String> ALL = List.of(DEV, EMPLOYEES, USERS);

  static final Set<String> DECLARED = Set.copyOf(ALL);

  private static final ThreadLocal<String> CURRENT = ThreadLocal.withInitial(() -> USERS);

  private Cohorts() {}

  /** The cohort of a request, from a uniform number in [0, 1). */
  static String of(double uniform) {
    return uniform < 0.02 ? DEV : uniform < 0.10 ? EMPLOYEES : USERS;
  }

  /** The cohort of the request this thread serves, for the cache's cohort function. */
  static String current() {
    return CURRENT.get();
  }

  /** Serves the rest of this thread's request as one of {@code cohort}. */
  static void serve(String cohort) {
    CURRENT.set(cohort);
  }
}
