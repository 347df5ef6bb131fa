package io.hypersweep.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The stdout of locally run trial containers, kept in memory and served as pod logs. */
public final class PodLogStore {
  /** Lines kept per container; older lines are dropped like a kubelet rotates logs. */
  static final int MAX_LINES = 50_000;

  /** One logged line and when the kubelet would have stamped it. */
  private record Line(Instant time, String text) {}

  private final Map<String, List<Line>> logs = new ConcurrentHashMap<>();
  private final Clock clock;

  public PodLogStore() {
    this(Clock.systemUTC());
  }

  public PodLogStore(Clock clock) {
    this.clock = clock;
  }

  private static String key(String namespace, String pod, String container) {
    return namespace + "/" + pod + "/" + container;
  }

  /** Appends one line to a container's log. */
  public void append(String namespace, String pod, String container, String line) {
    List<Line> lines = logs.computeIfAbsent(key(namespace, pod, container), k -> new ArrayList<>());
    synchronized (lines) {
      Instant now = clock.instant();
      // Like a kubelet's, a container's timestamps never go backwards.
      if (!lines.isEmpty() && now.isBefore(lines.get(lines.size() - 1).time())) {
        now = lines.get(lines.size() - 1).time();
      }
      lines.add(new Line(now, line));
      if (lines.size() > MAX_LINES) {
        lines.subList(0, lines.size() - MAX_LINES).clear();
      }
    }
  }

  /**
   * The log of a container (or of the pod's only logged container when {@code container} is null),
   * limited to the last {@code tailLines} lines when that is not null.
   */
  public String read(String namespace, String pod, String container, Integer tailLines) {
    return read(namespace, pod, container, new Query(tailLines, false, null, null));
  }

  /**
   * What the pods/log endpoint honours: {@code tailLines}, {@code timestamps} (an RFC 3339
   * timestamp and a space before each line), {@code sinceTime} (lines at or after it) and {@code
   * limitBytes} (the first bytes of the answer, possibly ending mid-line), each null when absent.
   */
  public record Query(
      Integer tailLines, boolean timestamps, Instant sinceTime, Integer limitBytes) {}

  /** The log as the pods/log endpoint returns it for {@code query}, or null when none. */
  public String read(String namespace, String pod, String container, Query query) {
    List<Line> lines = null;
    if (container != null) {
      lines = logs.get(key(namespace, pod, container));
    } else {
      String prefix = namespace + "/" + pod + "/";
      for (Map.Entry<String, List<Line>> e : logs.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          lines = e.getValue();
          break;
        }
      }
    }
    if (lines == null) {
      return null;
    }
    List<Line> copy;
    synchronized (lines) {
      copy = new ArrayList<>(lines);
    }
    if (query.sinceTime() != null) {
      copy.removeIf(l -> l.time().isBefore(query.sinceTime()));
    }
    if (query.tailLines() != null) {
      copy = copy.subList(Math.max(0, copy.size() - query.tailLines()), copy.size());
    }
    StringBuilder out = new StringBuilder();
    for (Line l : copy) {
      if (query.timestamps()) {
        out.append(l.time()).append(' ');
      }
      out.append(l.text()).append('\n');
    }
    if (query.limitBytes() == null) {
      return out.toString();
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    int n = Math.min(bytes.length, Math.max(0, query.limitBytes()));
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /** Forgets a pod's logs. */
  public void remove(String namespace, String pod) {
    String prefix = namespace + "/" + pod + "/";
    logs.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
