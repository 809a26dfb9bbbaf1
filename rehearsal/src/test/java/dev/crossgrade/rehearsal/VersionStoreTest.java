package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versions of the source of truth, mapped from one file by several processes (two mappings
 * here), are one store: updates through either are seen by both, and one key's updates never
 * overlap.
 */
class VersionStoreTest {
  @Test
  void twoMappingsOfOneFileAreOneStore(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("truth.bin"));
    VersionStore coordinator = VersionStore.mapped(file, 100, true);
    VersionStore worker = VersionStore.mapped(file, 100, false);
    assertThat(worker.current(7)).isEqualTo(1);
    long[] seen = new long[1];
    long version = coordinator.update(7, v -> seen[0] = worker.current(7));
    assertThat(version).isEqualTo(2);
    assertThat(seen[0]).as("the new version is current while the cache is updated").isEqualTo(2);
    assertThat(worker.completed(7)).isEqualTo(2);
    worker.update(7, v -> {});
    assertThat(coordinator.current(7)).isEqualTo(3);
    coordinator.reset();
    assertThat(worker.current(7)).isEqualTo(1);
  }

  @Test
  void updatesOfOneKeyNeverOverlapAcrossMappings(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("truth.bin"));
    VersionStore[] stores = {
      VersionStore.mapped(file, 4, true), VersionStore.mapped(file, 4, false)
    };
    AtomicBoolean inside = new AtomicBoolean();
    AtomicInteger overlaps = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      VersionStore store = stores[t % 2];
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  store.update(
                      1,
                      v -> {
                        if (!inside.compareAndSet(false, true)) {
                          overlaps.incrementAndGet();
                        }
                        if (store.completed(1) != v - 1) {
                          overlaps.incrementAndGet();
                        }
                        inside.set(false);
                      });
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(overlaps.get()).isZero();
    assertThat(stores[0].current(1)).isEqualTo(1 + 4 * 2_000);
    assertThat(stores[1].completed(1)).isEqualTo(1 + 4 * 2_000);
    assertThat(stores[1].current(0)).isEqualTo(1);
  }

  @Test
  void aWorkerRefusesAFileTooSmallForItsKeys(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("truth.bin"));
    VersionStore.mapped(file, 10, true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VersionStore.mapped(file, 1000, false))
        .hasMessageContaining("not the 24000 of 1000 keys");
  }
}
