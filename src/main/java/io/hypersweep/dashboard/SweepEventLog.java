package io.hypersweep.dashboard;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.planning.SweepEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events this operator process recorded on each sweep since it started, newest last, kept in
 * memory in a bounded ring per sweep so the dashboard never lists Events from the API server.
 */
public final class SweepEventLog {
  /** Events kept per sweep; older ones are dropped. */
  public static final int PER_SWEEP = 100;

  /** Sweeps kept; the one least recently written to is forgotten first. */
  public static final int MAX_SWEEPS = 1000;

  private static final SweepEventLog SHARED = new SweepEventLog(Clock.systemUTC());

  /** One recorded event. */
  public record Entry(Instant time, boolean warning, String reason, String message) {}

  private record Ring(String uid, Deque<Entry> entries) {}

  private final Clock clock;
  private final Instant since;
  private final Map<String, Ring> rings =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ring> eldest) {
          return size() > MAX_SWEEPS;
        }
      };

  public SweepEventLog(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  public static SweepEventLog shared() {
    return SHARED;
  }

  /** When this log started: the dashboard says events before it are not shown. */
  public Instant since() {
    return since;
  }

  /** Appends the events the operator just published on {@code sweep}. */
  public void record(HyperparameterSweep sweep, List<SweepEvent> events) {
    ObjectMeta meta = sweep.getMetadata();
    record(meta.getNamespace(), meta.getName(), meta.getUid(), events);
  }

  /**
   * Appends events of the sweep {@code namespace/name}; a different {@code uid} means the sweep was
   * deleted and created again, so the old one's events are dropped.
   */
  public synchronized void record(
      String namespace, String name, String uid, List<SweepEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    String key = key(namespace, name);
    // Removed and put back, so the map's order is the order of the latest write.
    Ring ring = rings.remove(key);
    if (ring == null || (uid != null && !uid.equals(ring.uid()))) {
      ring = new Ring(uid, new ArrayDeque<>());
    }
    rings.put(key, ring);
    Instant now = clock.instant();
    for (SweepEvent e : events) {
      if (ring.entries().size() == PER_SWEEP) {
        ring.entries().removeFirst();
      }
      ring.entries().addLast(new Entry(now, e.warning(), e.reason(), e.message()));
    }
  }

  /** The kept events of a sweep, oldest first; empty when it has none. */
  public synchronized List<Entry> events(String namespace, String name) {
    Ring ring = rings.get(key(namespace, name));
    return ring == null ? List.of() : new ArrayList<>(ring.entries());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
