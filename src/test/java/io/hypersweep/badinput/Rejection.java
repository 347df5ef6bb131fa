package io.hypersweep.badinput;

import java.util.List;

/**
 * One problem a validation layer found, and the fields it names.
 *
 * <p>Fields are dotted paths with [i] for list items: the field itself, and for a CEL rule also the
 * fields its expression reads below its location.
 */
record Rejection(Layer layer, List<String> fields, String message) {

  static Rejection of(Layer layer, String field, String message) {
    return new Rejection(layer, List.of(field), message);
  }

  /**
   * Whether this rejection names {@code expected}: the same field, or a field inside it (so a
   * schema error on {@code spec.parameters.x.uniform[0]} names {@code spec.parameters.x.uniform}).
   */
  boolean names(String expected) {
    return fields.stream()
        .anyMatch(
            f ->
                f.equals(expected) || f.startsWith(expected + ".") || f.startsWith(expected + "["));
  }

  @Override
  public String toString() {
    String field = fields.get(0).isEmpty() ? "<root>" : fields.get(0);
    String text = message.length() > 300 ? message.substring(0, 300) + "..." : message;
    return layer + " " + field + ": " + text;
  }
}
