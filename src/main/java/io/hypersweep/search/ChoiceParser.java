package io.hypersweep.search;

import io.fabric8.kubernetes.api.model.AnyType;
import io.hypersweep.validation.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validates the values of a {@code choice} expression and renders them as written. */
final class ChoiceParser {

  /** Longest value accepted; values end up in command lines and environment variables. */
  static final int MAX_VALUE_LENGTH = 256;

  private ChoiceParser() {}

  /**
   * Parses the values, appending every problem to {@code errors}.
   *
   * @return the dimension, or null when there were errors
   */
  static ChoiceDimension parse(
      String name, List<AnyType> values, String field, List<FieldError> errors) {
    if (values.isEmpty()) {
      errors.add(new FieldError(field, "choice needs at least one value"));
      return null;
    }
    int before = errors.size();
    List<String> rendered = new ArrayList<>();
    // Duplicates are judged on the rendered form: 3 and 3.0 (or "3") reach the trial identically.
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      AnyType any = values.get(i);
      Object value = any == null ? null : any.getValue();
      String problem = problem(value);
      if (problem != null) {
        errors.add(new FieldError(field, "choice[" + i + "] " + problem));
        continue;
      }
      String text = render(value);
      if (text.length() > MAX_VALUE_LENGTH) {
        errors.add(
            new FieldError(
                field,
                "choice["
                    + i
                    + "] is "
                    + text.length()
                    + " characters long; values may have at most "
                    + MAX_VALUE_LENGTH));
        continue;
      }
      Integer previous = firstIndex.putIfAbsent(text, i);
      if (previous != null) {
        errors.add(
            new FieldError(
                field, "choice[" + i + "] '" + text + "' duplicates choice[" + previous + "]"));
        continue;
      }
      rendered.add(text);
    }
    return errors.size() == before ? new ChoiceDimension(name, rendered) : null;
  }

  /** Why a value cannot be a choice, or null when it can. */
  private static String problem(Object value) {
    if (value == null) {
      return "is null; choices must be numbers or strings";
    }
    if (value instanceof String) {
      return null;
    }
    if (value instanceof Boolean b) {
      return "is the boolean "
          + b
          + "; choices must be numbers or strings (quote it, \""
          + b
          + "\", for a string)";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? null : "must be a finite number, got " + d;
    }
    if (value instanceof Number) {
      return isExactNumber(value) ? null : "has unsupported number type " + value.getClass();
    }
    if (value instanceof Map) {
      return "is an object; choices must be numbers or strings";
    }
    if (value instanceof List) {
      return "is a list; choices must be numbers or strings";
    }
    return "has unsupported type " + value.getClass().getSimpleName();
  }

  private static boolean isExactNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal;
  }

  /** The value as written: integers without a decimal point, decimals without float noise. */
  private static String render(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return ValueFormat.ofDecimal(d);
    }
    if (value instanceof Float f) {
      // Float.toString keeps the float's own shortest form (0.1f is "0.1", not 0.10000000149…).
      return ValueFormat.ofDecimal(new BigDecimal(Float.toString(f)));
    }
    if (value instanceof Double d) {
      return ValueFormat.ofDouble(d);
    }
    return value.toString();
  }
}
