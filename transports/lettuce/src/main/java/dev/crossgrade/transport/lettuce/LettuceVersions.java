package dev.crossgrade.transport.lettuce;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The Lettuce and Netty versions this transport runs on: Lettuce 6.6 and later (its replay filter
 * keeps a command sent before a disconnect from being sent again after the reconnect, so a late
 * write cannot land), and Lettuce 7 only on Netty 4.2, which it needs. Spring Boot 3.5 manages
 * Lettuce 6.6 with Netty 4.1, Boot 4.0 Lettuce 6.8 with Netty 4.2; both work. A build that mixes
 * Lettuce 7 with Netty 4.1 would fail deep inside Lettuce with a {@link NoClassDefFoundError}; the
 * check fails first, naming what it found and the properties to set.
 */
final class LettuceVersions {
  /** Present from Lettuce 7.0. */
  static final String LETTUCE_7 = "io.lettuce.core.MaintNotificationsConfig";

  /** Present from Netty 4.2 (Lettuce 7 creates its event loops with it). */
  static final String NETTY_4_2 = "io.netty.channel.MultiThreadIoEventLoopGroup";

  private static final boolean HAS_LETTUCE_7 =
      present(LETTUCE_7, LettuceVersions.class.getClassLoader());

  private LettuceVersions() {}

  /**
   * Checks the class path of this class's loader.
   *
   * @throws IllegalStateException if Lettuce 7 is there without Netty 4.2
   */
  static void require() {
    ClassLoader loader = LettuceVersions.class.getClassLoader();
    String problem =
        problem(
            name -> present(name, loader),
            version("io.lettuce.core.RedisClient", loader),
            version("io.netty.channel.Channel", loader));
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }

  /**
   * What is wrong with a class path on which {@code present} tells which classes load, or null.
   *
   * @param lettuceVersion the Lettuce jar's version, or null if unknown
   * @param nettyVersion the Netty jar's version, or null if unknown
   */
  static @Nullable String problem(
      Predicate<String> present, @Nullable String lettuceVersion, @Nullable String nettyVersion) {
    if (!present.test(LETTUCE_7) || present.test(NETTY_4_2)) {
      return null;
    }
    return ("crossgrade-transport-lettuce found Lettuce %s with Netty %s, but Lettuce 7 needs "
            + "Netty 4.2. A build's dependency management may have chosen this Netty (Spring Boot "
            + "3.5 manages 4.1): set the property netty.version to 4.2.15.Final, or lettuce.version "
            + "to the Lettuce your Boot line manages (6.6.0.RELEASE on Boot 3.5)")
        .formatted(
            (lettuceVersion == null ? "7" : lettuceVersion),
            (nettyVersion == null ? "older than 4.2" : nettyVersion));
  }

  /** Turns off Lettuce 7's maintenance notifications (Redis Enterprise); Lettuce 6 has none. */
  static ClientOptions.Builder withoutMaintenanceNotifications(ClientOptions.Builder builder) {
    return HAS_LETTUCE_7 ? Lettuce7.disabled(builder) : builder;
  }

  /**
   * Reads a Cluster's topology again on MOVED and ASK redirects and persistent reconnects: Lettuce
   * 7 does by default (and deprecates turning it on), Lettuce 6 only when asked.
   */
  @SuppressWarnings("deprecation") // deprecated in Lettuce 7, where it is not called
  static ClusterTopologyRefreshOptions.Builder withAdaptiveRefresh(
      ClusterTopologyRefreshOptions.Builder builder) {
    return HAS_LETTUCE_7 ? builder : builder.enableAllAdaptiveRefreshTriggers();
  }

  /** Loaded only when Lettuce 7 is there: its one method names a Lettuce 7 type. */
  private static final class Lettuce7 {
    static ClientOptions.Builder disabled(ClientOptions.Builder builder) {
      return builder.maintNotificationsConfig(MaintNotificationsConfig.disabled());
    }
  }

  private static boolean present(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static @Nullable String version(String className, ClassLoader loader) {
    try {
      Package found = Class.forName(className, false, loader).getPackage();
      return found == null ? null : found.getImplementationVersion();
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
