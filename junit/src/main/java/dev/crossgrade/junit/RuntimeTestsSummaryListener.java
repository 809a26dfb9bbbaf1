package dev.crossgrade.junit;

import java.io.PrintStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the runtime test list's summary at the end of a run: counts per verdict in the mode in
 * force, each flip with what to do, each allowed failure, and entries that matched no test.
 * Registered through {@link java.util.ServiceLoader}; tests of every engine are counted, while only
 * Jupiter tests have their outcome changed ({@link RuntimeTestsExtension}). Public only because the
 * service loader needs it.
 */
public final class RuntimeTestsSummaryListener implements TestExecutionListener {
  private @Nullable Policy policy;
  private @Nullable TestPlan plan;
  private RunSummary summary = new RunSummary();

  /** Created by the service loader. */
  public RuntimeTestsSummaryListener() {}

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
    this.summary = new RunSummary();
    try {
      this.policy = Policy.load().orElse(null);
    } catch (TestListException e) {
      // the session listener has refused the list already
      this.policy = null;
    }
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    if (identifier.isTest()) {
      record(identifier, Outcome.SKIPPED);
    }
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (!identifier.isTest() || policy == null) {
      return;
    }
    Throwable thrown = result.getThrowable().orElse(null);
    Outcome outcome =
        switch (result.getStatus()) {
          case SUCCESSFUL -> Outcome.PASSED;
          case FAILED -> Outcome.FAILED;
          case ABORTED -> thrown instanceof AllowedFailure ? Outcome.FAILED : Outcome.SKIPPED;
        };
    record(identifier, outcome);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    Policy current = policy;
    if (current != null) {
      PrintStream out = System.out;
      summary.lines(current).forEach(out::println);
      out.flush();
    }
  }

  private void record(TestIdentifier identifier, Outcome outcome) {
    if (policy == null) {
      return;
    }
    String[] test = test(identifier);
    if (test != null) {
      summary.add(test[0], test[1], outcome);
    }
  }

  /** The class and method of a test: its method source, or its nearest ancestor's. */
  private String @Nullable [] test(TestIdentifier identifier) {
    TestPlan testPlan = plan;
    for (TestIdentifier id = identifier; id != null; ) {
      Optional<TestSource> source = id.getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return new String[] {method.getClassName(), method.getMethodName()};
      }
      if (source.isPresent() && source.get() instanceof ClassSource type) {
        return new String[] {type.getClassName(), id.getLegacyReportingName()};
      }
      id = testPlan == null ? null : testPlan.getParent(id).orElse(null);
    }
    return null;
  }
}
