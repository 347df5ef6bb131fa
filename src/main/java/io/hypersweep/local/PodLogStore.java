package io.hypersweep.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The stdout of locally run trial containers, kept in memory and served as pod logs. */
public final class PodLogStore {
  /** Lines kept per container; older lines are dropped like a kubelet rotates logs. */
  static final int MAX_LINES = 50_000;

  private final Map<String, List<String>> logs = new ConcurrentHashMap<>();

  private static String key(String namespace, String pod, String container) {
    return namespace + "/" + pod + "/" + container;
  }

  /** Appends one line to a container's log. */
  public void append(String namespace, String pod, String container, String line) {
    List<String> lines =
        logs.computeIfAbsent(key(namespace, pod, container), k -> new ArrayList<>());
    synchronized (lines) {
      lines.add(line);
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
    List<String> lines = null;
    if (container != null) {
      lines = logs.get(key(namespace, pod, container));
    } else {
      String prefix = namespace + "/" + pod + "/";
      for (Map.Entry<String, List<String>> e : logs.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          lines = e.getValue();
          break;
        }
      }
    }
    if (lines == null) {
      return null;
    }
    List<String> copy;
    synchronized (lines) {
      int from = tailLines == null ? 0 : Math.max(0, lines.size() - tailLines);
      copy = new ArrayList<>(lines.subList(from, lines.size()));
    }
    StringBuilder out = new StringBuilder();
    copy.forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  /** Forgets a pod's logs. */
  public void remove(String namespace, String pod) {
    String prefix = namespace + "/" + pod + "/";
    logs.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
