package dev.crossgrade.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * One build of the user's application in an isolated class loader: a jar or a classes folder,
 * optionally followed by the libraries it runs with.
 */
final class Build implements AutoCloseable {
  private final String label;
  private final Path path;
  private final URLClassLoader loader;

  private Build(String role, String name, List<Path> classPath) {
    this.path = classPath.get(0);
    this.label = role + " " + name;
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = url(classPath.get(i));
    }
    this.loader = new URLClassLoader(role, urls, UserJarMatrix.class.getClassLoader());
  }

  /**
   * Opens the build whose class path is {@code classPath}: its jar or classes folder first, then
   * its libraries; {@code name} is how reports call it.
   *
   * @throws IllegalArgumentException if an entry is neither a jar nor a folder
   */
  static Build open(String role, String name, List<Path> classPath) {
    for (int i = 0; i < classPath.size(); i++) {
      Path entry = classPath.get(i);
      if (!Files.isRegularFile(entry) && !Files.isDirectory(entry)) {
        throw new IllegalArgumentException(
            i == 0
                ? "the " + role + " build " + entry + " is neither a jar nor a classes folder"
                : "the class path of the %s build lists %s, which is neither a jar nor a folder"
                    .formatted(role, entry));
      }
    }
    return new Build(role, name, classPath);
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a path to a build: " + path, e);
    }
  }

  /** For reports, such as {@code old app-1.4.jar}. */
  String label() {
    return label;
  }

  Path path() {
    return path;
  }

  ClassLoader loader() {
    return loader;
  }

  /**
   * The class {@code name} of this build.
   *
   * @throws IllegalArgumentException if this build has no such class
   */
  Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          name + " is not in " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The cached types of this build's provider: the class named, else the one it ships in {@code
   * META-INF/services}, else null.
   *
   * @throws IllegalArgumentException if the named provider is missing or broken
   */
  @Nullable List<CachedType<?>> provided(@Nullable String providerClass) {
    CachedTypesProvider provider = null;
    if (providerClass != null) {
      Class<?> type = load(providerClass);
      if (!CachedTypesProvider.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException(
            "%s in %s does not implement %s"
                .formatted(providerClass, path, CachedTypesProvider.class.getName()));
      }
      try {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        provider = (CachedTypesProvider) constructor.newInstance();
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot create the provider " + providerClass + " of " + path + ": " + e, e);
      }
    } else {
      try {
        for (CachedTypesProvider p : ServiceLoader.load(CachedTypesProvider.class, loader)) {
          if (p.getClass().getClassLoader() == loader) {
            provider = p;
            break;
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException(
            "the CachedTypesProvider of " + path + " cannot be loaded: " + e.getMessage(), e);
      }
    }
    if (provider == null) {
      return null;
    }
    try {
      return new ArrayList<>(provider.cachedTypes());
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalArgumentException(
          "the CachedTypesProvider %s of %s failed: %s"
              .formatted(provider.getClass().getName(), path, e),
          e);
    }
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the class loader of " + path, e);
    }
  }
}
