package io.hypersweep.operator;

import io.hypersweep.api.HyperparameterSweep;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Read-only view of the sweeps the operator's own informer holds, for readers outside the reconcile
 * loop (dashboard, metrics) that must never call the API server per request.
 */
public final class SweepCatalog {
  private static final SweepCatalog SHARED = new SweepCatalog();

  private final AtomicReference<IndexerResourceCache<HyperparameterSweep>> cache =
      new AtomicReference<>();

  public static SweepCatalog shared() {
    return SHARED;
  }

  /** Called when the controller's event sources are prepared; a restarted operator replaces it. */
  void attach(IndexerResourceCache<HyperparameterSweep> primaryCache) {
    cache.set(primaryCache);
  }

  /** Every sweep the operator currently watches, in no particular order. */
  public List<HyperparameterSweep> sweeps() {
    IndexerResourceCache<HyperparameterSweep> c = cache.get();
    return c == null ? List.of() : c.list().toList();
  }

  public Optional<HyperparameterSweep> sweep(String namespace, String name) {
    return sweeps().stream()
        .filter(
            s ->
                namespace.equals(s.getMetadata().getNamespace())
                    && name.equals(s.getMetadata().getName()))
        .findFirst();
  }
}
