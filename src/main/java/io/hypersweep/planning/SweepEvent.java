package io.hypersweep.planning;

/**
 * A Kubernetes Event the operator should record on the sweep.
 *
 * @param warning true for type Warning, false for Normal
 */
public record SweepEvent(boolean warning, String reason, String message) {

  /** Parameters as an event shows them: {@code (depth=5, lr=0.01)}, in name order. */
  static String parameters(java.util.Map<String, String> params) {
    StringBuilder s = new StringBuilder("(");
    new java.util.TreeMap<>(params)
        .forEach(
            (name, value) ->
                s.append(s.length() > 1 ? ", " : "").append(name).append('=').append(value));
    return s.append(')').toString();
  }
}
