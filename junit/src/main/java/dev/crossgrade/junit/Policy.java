package dev.crossgrade.junit;

import dev.crossgrade.junit.RuntimeTestList.Entry;
import dev.crossgrade.junit.RuntimeTestList.Mode;
import dev.crossgrade.junit.RuntimeTestList.Section;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The list in force for this run: the list file found, this JVM's runtime, the section for it (if
 * any), and the switches set by system properties. Immutable.
 *
 * @param list the list
 * @param runtime this JVM's runtime
 * @param section the section for this runtime, or null: every test must pass
 * @param strict whether a flip fails the build (the section says {@code strict}, or {@value
 *     #STRICT_PROPERTY} is {@code true})
 * @param enforce whether outcomes are changed; false with {@value #ENFORCE_PROPERTY}{@code =false},
 *     which only reports (how {@link SuiteComparison} runs a suite)
 */
record Policy(
    RuntimeTestList list,
    TestRuntime runtime,
    @Nullable Section section,
    boolean strict,
    boolean enforce) {
  static final String FILE_PROPERTY = "crossgrade.runtimeTests.file";
  static final String STRICT_PROPERTY = "crossgrade.runtimeTests.strict";
  static final String ENFORCE_PROPERTY = "crossgrade.runtimeTests.enforce";

  /**
   * The policy of this JVM: the list named by {@value #FILE_PROPERTY}, else the {@link
   * RuntimeTestList#RESOURCE} on the class path; empty when there is none.
   *
   * @throws TestListException if the list cannot be read or is not valid, or names no section for a
   *     runtime set with {@value TestRuntime#PROPERTY}
   */
  static Optional<Policy> load() {
    RuntimeTestList list = findList();
    if (list == null) {
      return Optional.empty();
    }
    TestRuntime runtime;
    try {
      runtime = TestRuntime.current();
    } catch (IllegalArgumentException e) {
      throw new TestListException(
          list.source(),
          0,
          "-D" + TestRuntime.PROPERTY + ": " + e.getMessage(),
          "set -D" + TestRuntime.PROPERTY + " to the name of a 'runtime NAME' section");
    }
    Section section = list.section(runtime).orElse(null);
    if (section == null && runtime.jdk() == 0) {
      throw new TestListException(
          list.source(),
          0,
          "-D%s=%s is set, but the list has no section for %s (it has: %s)"
              .formatted(TestRuntime.PROPERTY, runtime.name(), runtime, headers(list)),
          "add a section 'include on " + runtime + "' or correct the property");
    }
    boolean strict = (section != null && section.strict()) || Boolean.getBoolean(STRICT_PROPERTY);
    boolean enforce = !"false".equalsIgnoreCase(System.getProperty(ENFORCE_PROPERTY, "true"));
    return Optional.of(new Policy(list, runtime, section, strict, enforce));
  }

  private static @Nullable RuntimeTestList findList() {
    String file = System.getProperty(FILE_PROPERTY);
    if (file != null && !file.isBlank()) {
      return RuntimeTestList.read(Path.of(file));
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Policy.class.getClassLoader();
    }
    List<URL> found;
    try {
      found = Collections.list(loader.getResources(RuntimeTestList.RESOURCE));
    } catch (IOException e) {
      throw new TestListException(
          RuntimeTestList.RESOURCE, 0, "the class path cannot be searched: " + e, "check it");
    }
    if (found.isEmpty()) {
      return null;
    }
    List<String> distinct = found.stream().map(URL::toString).distinct().toList();
    if (distinct.size() > 1) {
      throw new TestListException(
          RuntimeTestList.RESOURCE,
          0,
          "is on the class path " + distinct.size() + " times: " + String.join(", ", distinct),
          """
          keep one, in the test resources of the project whose tests it lists, or name one with \
          -D%s=PATH"""
              .formatted(FILE_PROPERTY));
    }
    URL url = found.get(0);
    String name = "file".equals(url.getProtocol()) ? url.getPath() : url.toString();
    try (InputStream in = url.openStream()) {
      return RuntimeTestList.read(in, name);
    } catch (IOException e) {
      throw new TestListException(name, 0, "cannot be read: " + e, "check the file");
    }
  }

  private static String headers(RuntimeTestList list) {
    return list.sections().isEmpty()
        ? "no sections"
        : list.sections().stream().map(Section::header).collect(Collectors.joining(", "));
  }

  /** The mode in force, or null when no section applies. */
  @Nullable Mode mode() {
    return section == null ? null : section.mode();
  }

  /** The entry that names the test, if one does. */
  Optional<Entry> entry(String className, String methodName) {
    return section == null ? Optional.empty() : section.entryFor(className, methodName);
  }

  /** The verdict on a test with this outcome. */
  Verdict verdict(String className, String methodName, Outcome outcome) {
    return Verdict.of(mode(), entry(className, methodName).isPresent(), outcome);
  }

  /**
   * Whether every test of the class may fail, so that a failure of the class itself (a
   * {@code @BeforeAll} method, its constructor) fails no test that must pass.
   */
  boolean mayFailClass(String className) {
    if (section == null) {
      return false;
    }
    if (section.mode() == Mode.EXCLUDE) {
      return section.entries().stream().anyMatch(e -> e.coversClass(className));
    }
    return section.entries().stream().noneMatch(e -> touches(e, className));
  }

  /** Whether an entry names any test of the class (or of a class nested in it). */
  private static boolean touches(Entry entry, String className) {
    String pattern = entry.pattern();
    int hash = pattern.indexOf('#');
    String listedClass = hash >= 0 ? pattern.substring(0, hash) : pattern;
    return entry.coversClass(className)
        || listedClass.equals(className)
        || listedClass.startsWith(className + "$");
  }

  /** Where the section is, for messages: {@code crossgrade-runtime-tests.txt line 4}. */
  String where(@Nullable Entry entry) {
    String file = fileName();
    if (entry != null) {
      return file + " line " + entry.line();
    }
    return section == null ? file : file + " line " + section.line();
  }

  private String fileName() {
    String source = list.source();
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return source.substring(slash + 1);
  }

  /** Why a test's failure does not fail the build. */
  String allowedFailureMessage(String test, @Nullable Entry entry) {
    if (mode() == Mode.EXCLUDE) {
      return test + " fails on " + runtime + ", allowed: listed in " + where(entry);
    }
    return """
        %s fails on %s, allowed: not on the include list (%s); reported, it does not fail the \
        build"""
        .formatted(test, runtime, where(null));
  }

  /** What to do about a flip. */
  String flipMessage(String test, @Nullable Entry entry) {
    String advice =
        mode() == Mode.EXCLUDE
            ? test
                + " passes on "
                + runtime
                + " but "
                + where(entry)
                + (entry != null && !entry.pattern().equals(test)
                    ? " (" + entry.pattern() + ")"
                    : "")
                + " lists it as allowed to fail: remove it from the list"
                + (entry != null && !entry.pattern().equals(test)
                    ? ", naming the tests of " + entry.pattern() + " that still fail instead"
                    : "")
            : "%s passes on %s but is not on the include list (%s): add it to the list"
                .formatted(test, runtime, where(null));
    return advice + (strict ? " (strict: this fails the build)" : "");
  }

  /** The tests (as {@code Class#method}) an entry matched, in the order given. */
  static List<String> matching(Entry entry, List<String> tests) {
    List<String> out = new ArrayList<>();
    for (String test : tests) {
      int hash = test.indexOf('#');
      if (entry.matches(test.substring(0, hash), test.substring(hash + 1))) {
        out.add(test);
      }
    }
    return out;
  }
}
