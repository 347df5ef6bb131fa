package io.hypersweep.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's heap while a load test runs: the peak of heap in use, and the peak of what
 * survived the latest collection (the live set, which garbage not yet collected does not inflate).
 */
final class HeapSampler implements AutoCloseable {
  private static final double MIB = 1024.0 * 1024.0;

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
          });

  HeapSampler start(long everyMillis) {
    timer.scheduleAtFixedRate(this::sample, 0, everyMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sample() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    peakUsed.accumulateAndGet(used, Math::max);
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage u = pool.getCollectionUsage();
      if (u != null) {
        afterGc += u.getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(afterGc, Math::max);
  }

  double peakUsedMiB() {
    return peakUsed.get() / MIB;
  }

  double peakAfterGcMiB() {
    return peakAfterGc.get() / MIB;
  }

  /** Heap in use right after a requested full collection. */
  static double usedAfterGcMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
  }

  static double maxHeapMiB() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MIB;
  }

  @Override
  public void close() {
    sample();
    timer.shutdownNow();
  }
}
