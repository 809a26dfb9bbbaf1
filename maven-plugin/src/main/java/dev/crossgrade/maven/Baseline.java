package dev.crossgrade.maven;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The build to compare with, resolved.
 *
 * @param name how reports call it, such as {@code shop-1.4.0.jar}
 * @param description what it is, for the log, such as {@code com.acme:shop:1.4.0}
 * @param classPath its jar or classes folder first, then the libraries it runs with
 * @param standIns why this build's dependencies stand in for the baseline's own, or null if they
 *     are its own
 */
record Baseline(String name, String description, List<Path> classPath, @Nullable String standIns) {
  Baseline {
    classPath = List.copyOf(classPath);
  }
}
