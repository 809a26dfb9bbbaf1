package dev.crossgrade.router.internal.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts for futures that a client completes by itself or never (a frozen server): one daemon
 * thread for the whole JVM fires them. A future that is already done costs nothing here, and a
 * timer whose future completes in time is removed at once.
 */
public final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Deadlines() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "crossgrade-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * Runs {@code onTimeout} once {@code nanos} have passed, unless {@code watched} completes first.
   */
  static void watch(CompletableFuture<?> watched, long nanos, Runnable onTimeout) {
    if (watched.isDone()) {
      return;
    }
    ScheduledFuture<?> timer = TIMER.schedule(onTimeout, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    watched.whenComplete((value, failure) -> timer.cancel(false));
  }
}
