package dev.crossgrade.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * The Jupiter half of the runtime test list: it changes outcomes. A failure the list allows on this
 * runtime becomes an aborted test (the build goes on; the failure is its cause); in strict mode a
 * flip fails the test's class after its last test. Registered through {@link
 * java.util.ServiceLoader}; {@link RuntimeTestsSessionListener} switches Jupiter's extension
 * auto-detection on for this class alone, so a user adds only the dependency and the list file.
 * Public only because the service loader needs it.
 */
public final class RuntimeTestsExtension
    implements InvocationInterceptor, LifecycleMethodExecutionExceptionHandler, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RuntimeTestsExtension.class);

  /** Created by the service loader. */
  public RuntimeTestsExtension() {}

  /** What this run's tests did so far, per class and method: invocation id to passed. */
  private static final class Results {
    final Map<String, Map<String, Map<String, Boolean>>> byClass = new ConcurrentHashMap<>();

    void record(String className, String method, String invocation, boolean passed) {
      byClass
          .computeIfAbsent(className, c -> new ConcurrentHashMap<>())
          .computeIfAbsent(method, m -> new ConcurrentHashMap<>())
          .merge(invocation, passed, Boolean::logicalAnd);
    }
  }

  @Override
  public void interceptTestMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    around(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    around(invocation, context);
  }

  @Override
  public void interceptDynamicTest(
      Invocation<@Nullable Void> invocation,
      DynamicTestInvocationContext invocationContext,
      ExtensionContext context)
      throws Throwable {
    around(invocation, context);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw judgeFailure(context, failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw judgeFailure(context, failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw judgeClassFailure(context, failure);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw judgeClassFailure(context, failure);
  }

  /** In strict mode, fails the class whose tests flipped, naming each and what to do. */
  @Override
  public void afterAll(ExtensionContext context) {
    Policy policy = policy(context);
    if (policy == null || !policy.enforce() || !policy.strict()) {
      return;
    }
    String className = context.getRequiredTestClass().getName();
    Map<String, Map<String, Boolean>> methods = results(context).byClass.get(className);
    if (methods == null) {
      return;
    }
    List<String> flips = new ArrayList<>();
    methods.forEach(
        (method, invocations) -> {
          Outcome outcome =
              invocations.values().stream().allMatch(Boolean::booleanValue)
                  ? Outcome.PASSED
                  : Outcome.FAILED;
          if (policy.verdict(className, method, outcome) == Verdict.FLIP) {
            String test = className + "#" + method;
            flips.add(policy.flipMessage(test, policy.entry(className, method).orElse(null)));
          }
        });
    if (!flips.isEmpty()) {
      flips.sort(null);
      throw new ListedTestPassed(String.join("\n", flips));
    }
  }

  private void around(Invocation<@Nullable Void> invocation, ExtensionContext context)
      throws Throwable {
    try {
      invocation.proceed();
    } catch (TestAbortedException aborted) {
      throw aborted;
    } catch (Throwable failure) {
      throw judgeFailure(context, failure);
    }
    record(context, true);
  }

  /** The failure of a test as the list has it: allowed (aborted) or as it was. */
  private Throwable judgeFailure(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    Policy policy = policy(context);
    Optional<String[]> test = test(context);
    if (policy == null || test.isEmpty()) {
      return failure;
    }
    record(context, false);
    String className = test.get()[0];
    String method = test.get()[1];
    if (policy.enforce()
        && policy.verdict(className, method, Outcome.FAILED) == Verdict.ALLOWED_FAILURE) {
      return new AllowedFailure(
          policy.allowedFailureMessage(
              className + "#" + method, policy.entry(className, method).orElse(null)),
          failure);
    }
    return failure;
  }

  private Throwable judgeClassFailure(ExtensionContext context, Throwable failure) {
    Policy policy = policy(context);
    if (policy == null || !policy.enforce() || failure instanceof TestAbortedException) {
      return failure;
    }
    String className = context.getRequiredTestClass().getName();
    if (policy.mayFailClass(className)) {
      return new AllowedFailure(
          "%s fails on %s before or after its tests, allowed: every test of it may fail (%s)"
              .formatted(className, policy.runtime(), policy.where(null)),
          failure);
    }
    return failure;
  }

  private void record(ExtensionContext context, boolean passed) {
    Optional<String[]> test = test(context);
    if (test.isPresent() && policy(context) != null) {
      results(context).record(test.get()[0], test.get()[1], context.getUniqueId(), passed);
    }
  }

  /** The class and method of the test method (or test factory) this context runs. */
  private static Optional<String[]> test(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<Method> method = c.getTestMethod();
      if (method.isPresent()) {
        return Optional.of(
            new String[] {c.getRequiredTestClass().getName(), method.get().getName()});
      }
    }
    return Optional.empty();
  }

  private static Results results(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Results.class, k -> new Results(), Results.class);
  }

  private static @Nullable Policy policy(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            Holder.class, k -> new Holder(Policy.load().orElse(null)), Holder.class)
        .policy;
  }

  /** The policy, or none, as a store value. */
  private record Holder(@Nullable Policy policy) {}
}
