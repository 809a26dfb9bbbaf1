package dev.crossgrade.rehearsal;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import org.jspecify.annotations.Nullable;

/**
 * Where one runtime runs: in the coordinator's JVM, or in a worker process it talks to over stdin
 * and stdout. Either way the coordinator drives it through the same steps.
 */
interface RuntimeHost extends AutoCloseable {
  /** Which runtime this is. */
  Side.Role role();

  /** The Java version it runs on, such as {@code 17.0.15}. */
  String javaVersion();

  /** Where it runs: {@code this JVM} or the Java home of the worker. */
  String where();

  /** Deploys the runtime's cache for a scenario. */
  void beginScenario(Strategy strategy, String prefix);

  /** Warms the cache with every key. */
  void prefill();

  /** Starts the runtime's share of a step, in {@code phase} with {@code writer}. */
  void startStep(
      @Nullable Phase phase, Plan.Writer writer, double sharePercent, int ticks, long tickNanos);

  /** Stops the step and returns what the runtime counted. */
  StepStats stopStep();

  /** Closes the scenario's cache. */
  void endScenario();

  @Override
  void close();

  /** A runtime in this JVM, on a transport the coordinator owns. */
  final class InProcess implements RuntimeHost {
    private final RuntimeNode<?> node;
    private final CacheTransport transport;

    InProcess(RuntimeNode<?> node, CacheTransport transport) {
      this.node = node;
      this.transport = transport;
    }

    @Override
    public Side.Role role() {
      return node.side().role();
    }

    @Override
    public String javaVersion() {
      return System.getProperty("java.version");
    }

    @Override
    public String where() {
      return "this JVM";
    }

    @Override
    public void beginScenario(Strategy strategy, String prefix) {
      node.beginScenario(strategy, prefix, transport);
    }

    @Override
    public void prefill() {
      node.prefill();
    }

    @Override
    public void startStep(
        @Nullable Phase phase, Plan.Writer writer, double sharePercent, int ticks, long tickNanos) {
      node.startStep(phase, writer, sharePercent, ticks, tickNanos);
    }

    @Override
    public StepStats stopStep() {
      return node.stopStep();
    }

    @Override
    public void endScenario() {
      node.endScenario();
    }

    @Override
    public void close() {
      node.endScenario();
    }
  }
}
