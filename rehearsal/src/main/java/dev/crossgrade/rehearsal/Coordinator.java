package dev.crossgrade.rehearsal;

import dev.crossgrade.rehearsal.Plan.ScenarioPlan;
import dev.crossgrade.rehearsal.Plan.StepPlan;
import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeFigures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import dev.crossgrade.rehearsal.RehearsalReport.Sample;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.Settings;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.tooling.JdkHomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Rehearsal}: deploys the two runtimes (in this JVM or as worker processes), then for
 * each scenario resets the source of truth, deploys the caches under a fresh key prefix, warms the
 * cache through the old runtime, and runs the steps, collecting what each runtime counted.
 */
final class Coordinator {
  static final int TICKS_PER_STEP = 4;

  private final Rehearsal rehearsal;

  Coordinator(Rehearsal rehearsal) {
    this.rehearsal = rehearsal;
  }

  /** The two runtimes and what they share, closed together. */
  private record Deployment(
      RuntimeHost old,
      RuntimeHost neu,
      VersionStore truth,
      @Nullable CacheTransport transport,
      @Nullable Path truthFile,
      String cache)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        old.close();
      } finally {
        try {
          neu.close();
        } finally {
          if (transport != null) {
            transport.close();
          }
          if (truthFile != null) {
            try {
              Files.deleteIfExists(truthFile);
            } catch (IOException e) {
              // a temp file left behind
            }
          }
        }
      }
    }
  }

  RehearsalReport run() {
    long started = System.nanoTime();
    List<ScenarioPlan> plans = rehearsal.plans();
    int totalSteps = plans.stream().mapToInt(plan -> plan.steps().size()).sum();
    long stepNanos = rehearsal.duration.toNanos() / totalSteps;
    long tickNanos = stepNanos / TICKS_PER_STEP;
    String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    List<Scenario> scenarios = new ArrayList<>();
    List<CpuVerdict.Window> cpuWindows = new ArrayList<>();
    RuntimeInfo oldInfo;
    RuntimeInfo newInfo;
    String cache;
    try (Deployment deployment = deploy()) {
      cache = deployment.cache();
      oldInfo = info(deployment.old());
      newInfo = info(deployment.neu());
      int stepsDone = 0;
      for (int s = 0; s < plans.size(); s++) {
        ScenarioPlan plan = plans.get(s);
        String prefix = "rh" + run + "s" + s;
        scenarios.add(
            runScenario(deployment, plan, prefix, stepsDone, totalSteps, tickNanos, cpuWindows));
        stepsDone += plan.steps().size();
      }
    }
    rehearsal.progress.progress(1.0, "", "done");
    Workload w = rehearsal.workload;
    Settings settings =
        new Settings(
            rehearsal.duration,
            w.seed(),
            w.keys(),
            w.zipfExponent(),
            w.threadsPerRuntime(),
            w.requestsPerSecond(),
            w.writeFraction(),
            rehearsal.pair,
            rehearsal.walk,
            cache,
            oldInfo,
            newInfo);
    RehearsalReport.CpuComparison cpu =
        CpuVerdict.compare(
            cpuWindows,
            oldInfo,
            Side.format(Side.Role.OLD),
            newInfo,
            Side.format(Side.Role.NEW),
            RuntimeNode.KEYSPACE,
            rehearsal.maxCpuRegressionPercent,
            HardwareCounters.probe());
    return new RehearsalReport(
        settings, scenarios, Duration.ofNanos(System.nanoTime() - started), cpu);
  }

  /** Starts the worker process of the runtime {@code role} on the JDK at {@code home}. */
  private RuntimeHost worker(
      Side.Role role, Path home, Workload workload, Path truthFile, String server, String client) {
    return WorkerHost.start(
        role, rehearsal.pair, home, rehearsal.workerClassPath, workload, truthFile, server, client);
  }

  private Deployment deploy() {
    Workload workload = rehearsal.workload;
    String memcached = rehearsal.memcached;
    String server = memcached != null ? memcached : rehearsal.redis;
    // The worker builds its transport through transport.client: spymemcached or lettuce.
    String client = memcached != null ? "spymemcached" : "lettuce";
    if (server == null) {
      VersionStore truth = VersionStore.inMemory(workload.keys());
      CacheTransport transport = CacheTransport.embedded(128L << 20);
      return new Deployment(
          new RuntimeHost.InProcess(
              new RuntimeNode<>(Side.old(rehearsal.pair), workload, truth), transport),
          new RuntimeHost.InProcess(
              new RuntimeNode<>(Side.neu(rehearsal.pair), workload, truth), transport),
          truth,
          transport,
          null,
          "embedded (CacheTransport.embedded(); both runtimes in this JVM)");
    }
    Path oldHome = rehearsal.oldJavaHome;
    Path newHome = rehearsal.newJavaHome;
    String choice = "as set";
    if (oldHome == null || newHome == null) {
      Map<Integer, Path> homes = JdkHomes.discover();
      if (homes.containsKey(17) && homes.containsKey(25)) {
        oldHome = homes.get(17);
        newHome = homes.get(25);
        choice = "JDK 17 and JDK 25 found under /usr/lib/jvm";
      } else {
        oldHome = JdkHomes.current();
        newHome = oldHome;
        choice = "JDK 17 and JDK 25 are not both installed; both on this JVM's";
      }
    }
    Path truthFile;
    VersionStore truth;
    try {
      truthFile = Files.createTempFile("crossgrade-rehearsal-truth-", ".bin");
      truth = VersionStore.mapped(truthFile, workload.keys(), true);
    } catch (IOException e) {
      throw new RehearsalException("could not create the shared source of truth: " + e, e);
    }
    RuntimeHost old;
    try {
      old = worker(Side.Role.OLD, oldHome, workload, truthFile, server, client);
    } catch (RuntimeException e) {
      deleteQuietly(truthFile);
      throw e;
    }
    RuntimeHost neu;
    try {
      neu = worker(Side.Role.NEW, newHome, workload, truthFile, server, client);
    } catch (RuntimeException e) {
      old.close();
      deleteQuietly(truthFile);
      throw e;
    }
    return new Deployment(
        old,
        neu,
        truth,
        null,
        truthFile,
        "%s %s (%s; each runtime in a worker process of its own: %s)"
            .formatted(memcached != null ? "memcached" : "redis", server, client, choice));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind
    }
  }

  private RuntimeInfo info(RuntimeHost host) {
    if (host.role() == Side.Role.OLD) {
      return new RuntimeInfo(
          Side.OLD_RUNTIME,
          "old",
          "Product schema v1 (name, int price)",
          "kryo4@v1",
          "kryo4@v1 only",
          host.javaVersion(),
          host.where());
    }
    return new RuntimeInfo(
        Side.NEW_RUNTIME,
        "new",
        "Product schema v2 (name renamed title, price widened to long, currency added)",
        "kryo5@v2, or kryo4@v1 through a downcaster%s where the old runtime reads"
            .formatted((rehearsal.pair.lossy() ? " that drops the currency" : "")),
        "kryo5@v2, and kryo4@v1 through an upcaster"
            + switch (rehearsal.pair) {
              case DEFAULT -> "";
              case LOSSY -> " that cannot derive the currency (UnderivableValueException)";
              case LOSSY_GUESSING -> " that guesses the currency EUR";
            },
        host.javaVersion(),
        host.where());
  }

  private Scenario runScenario(
      Deployment deployment,
      ScenarioPlan plan,
      String prefix,
      int stepsBefore,
      int totalSteps,
      long tickNanos,
      List<CpuVerdict.Window> cpuWindows) {
    RehearsalProgress progress = rehearsal.progress;
    progress.progress((double) stepsBefore / totalSteps, plan.name(), "warming the cache");
    deployment.truth().reset();
    deployment.old().beginScenario(plan.strategy(), prefix);
    deployment.neu().beginScenario(plan.strategy(), prefix);
    deployment.old().prefill();
    List<Step> steps = new ArrayList<>();
    List<Sample> timeline = new ArrayList<>();
    StepStats oldTotal = StepStats.empty(0);
    StepStats newTotal = StepStats.empty(0);
    StepStats transition = StepStats.empty(0);
    long offset = 0;
    try {
      for (int i = 0; i < plan.steps().size(); i++) {
        StepPlan step = plan.steps().get(i);
        double before = (double) (stepsBefore + i) / totalSteps;
        progress.progress(before, plan.name(), step.label());
        long start = System.nanoTime();
        deployment
            .old()
            .startStep(
                step.phase(),
                step.writer(),
                100 - step.newSharePercent(),
                TICKS_PER_STEP,
                tickNanos);
        deployment
            .neu()
            .startStep(
                step.phase(), step.writer(), step.newSharePercent(), TICKS_PER_STEP, tickNanos);
        for (int tick = 1; tick <= TICKS_PER_STEP; tick++) {
          sleepUntil(start + tick * tickNanos);
          progress.progress(
              before + (double) tick / TICKS_PER_STEP / totalSteps, plan.name(), step.label());
        }
        StepStats old = deployment.old().stopStep();
        StepStats neu = deployment.neu().stopStep();
        long elapsed = System.nanoTime() - start;
        cpuWindows.addAll(
            CpuVerdict.windows(plan.strategy(), plan.name(), step.newSharePercent(), old, neu));
        StepStats both = old.plus(neu);
        steps.add(
            new Step(
                step.label(),
                step.phase(),
                step.newSharePercent(),
                step.writer().cohorts(),
                step.writer().percent(),
                Duration.ofNanos(elapsed),
                Figures.of(both),
                Figures.of(old),
                Figures.of(neu)));
        for (int tick = 0; tick < both.tickReads().length; tick++) {
          long reads = both.tickReads()[tick];
          timeline.add(
              new Sample(
                  Duration.ofNanos(offset + tick * tickNanos),
                  step.label(),
                  reads,
                  reads == 0 ? 0 : (double) both.tickHits()[tick] / reads,
                  both.tickErrors()[tick],
                  both.tickViolations()[tick]));
        }
        offset += TICKS_PER_STEP * tickNanos;
        oldTotal = oldTotal.plus(old);
        newTotal = newTotal.plus(neu);
        if (step.newSharePercent() > 0 && step.newSharePercent() < 100) {
          transition = transition.plus(both);
        }
      }
    } finally {
      deployment.old().endScenario();
      deployment.neu().endScenario();
    }
    StepStats total = oldTotal.plus(newTotal);
    List<String> examples = new ArrayList<>(total.examples());
    return new Scenario(
        plan.name(),
        plan.strategy(),
        plan.rollback(),
        steps,
        Figures.of(transition),
        Figures.of(total),
        List.of(
            runtimeFigures(deployment.old(), oldTotal), runtimeFigures(deployment.neu(), newTotal)),
        timeline,
        examples);
  }

  private static RuntimeFigures runtimeFigures(RuntimeHost host, StepStats total) {
    Map<String, Double> sizes = new LinkedHashMap<>();
    total
        .encoded()
        .forEach(
            (format, sums) -> {
              if (sums[0] > 0) {
                sizes.put(format, (double) sums[1] / sums[0]);
              }
            });
    return new RuntimeFigures(
        host.role() == Side.Role.OLD ? Side.OLD_RUNTIME : Side.NEW_RUNTIME,
        host.role().label(),
        host.javaVersion(),
        total.requests(),
        total.requests() == 0 ? 0 : total.cpuNanos() / 1000.0 / total.requests(),
        sizes);
  }

  private static void sleepUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RehearsalException("interrupted while the rehearsal ran", e);
      }
    }
  }
}
