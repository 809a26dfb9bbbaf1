package dev.crossgrade.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The launcher half of the runtime test list, registered through {@link java.util.ServiceLoader}:
 * when a session opens it reads and checks the list (a bad list fails the run before any test,
 * naming file, line and fix), and, unless the user configured Jupiter's extension auto-detection
 * themselves, switches it on for {@link RuntimeTestsExtension} alone for the session (system
 * properties {@value #AUTODETECT} and {@value #AUTODETECT_INCLUDE}, put back when the session
 * closes). Public only because the service loader needs it.
 */
public final class RuntimeTestsSessionListener implements LauncherSessionListener {
  static final String AUTODETECT = "junit.jupiter.extensions.autodetection.enabled";
  static final String AUTODETECT_INCLUDE = "junit.jupiter.extensions.autodetection.include";

  /** The system properties this session set, and what they were before (null: unset). */
  private final Map<String, @Nullable String> restore = new LinkedHashMap<>();

  /** Created by the service loader. */
  public RuntimeTestsSessionListener() {}

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (Policy.load().isEmpty() || userConfiguredAutodetection()) {
      return;
    }
    set(AUTODETECT, "true");
    set(AUTODETECT_INCLUDE, RuntimeTestsExtension.class.getName());
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    synchronized (restore) {
      restore.forEach(
          (key, before) -> {
            if (before == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, before);
            }
          });
      restore.clear();
    }
  }

  private void set(String key, String value) {
    synchronized (restore) {
      restore.putIfAbsent(key, System.getProperty(key));
      System.setProperty(key, value);
    }
  }

  /** Whether the user set auto-detection as a system property or in junit-platform.properties. */
  private static boolean userConfiguredAutodetection() {
    if (System.getProperty(AUTODETECT) != null) {
      return true;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL url =
        (loader == null ? RuntimeTestsSessionListener.class.getClassLoader() : loader)
            .getResource("junit-platform.properties");
    if (url == null) {
      return false;
    }
    Properties properties = new Properties();
    try (InputStream in = url.openStream()) {
      properties.load(new java.io.ByteArrayInputStream(in.readNBytes(RuntimeTestList.MAX_BYTES)));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    return properties.getProperty(AUTODETECT) != null;
  }
}
