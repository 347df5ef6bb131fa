package io.hypersweep.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The push endpoint's view of each sweep's trials (UID, and which trials still run), replaced by
 * the reconciler after every reconcile. Thread-safe; bounded to the most recently reconciled
 * sweeps.
 */
public final class TrialRegistry {
  static final int MAX_SWEEPS = 10_000;

  /** What the endpoint knows of one trial. */
  public enum Trial {
    UNKNOWN,
    RUNNING,
    FINISHED
  }

  /** One sweep as last reconciled: its UID and, by number, whether each trial is running. */
  public record Sweep(String uid, Map<Integer, Boolean> running) {
    public Sweep {
      running = Map.copyOf(running);
    }

    public Trial trial(int number) {
      Boolean r = running.get(number);
      return r == null ? Trial.UNKNOWN : r ? Trial.RUNNING : Trial.FINISHED;
    }
  }

  private final Map<String, Sweep> sweeps =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sweep> eldest) {
          return size() > MAX_SWEEPS;
        }
      };

  /** Replaces what is known of the sweep; {@code running} maps every trial number. */
  public synchronized void update(
      String namespace, String sweep, String uid, Map<Integer, Boolean> running) {
    sweeps.put(namespace + "/" + sweep, new Sweep(uid, running));
  }

  /** Forgets a deleted sweep. */
  public synchronized void remove(String namespace, String sweep) {
    sweeps.remove(namespace + "/" + sweep);
  }

  public synchronized Optional<Sweep> find(String namespace, String sweep) {
    return Optional.ofNullable(sweeps.get(namespace + "/" + sweep));
  }
}
