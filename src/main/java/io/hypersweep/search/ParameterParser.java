package io.hypersweep.search;

import io.hypersweep.api.ParameterSpec;
import io.hypersweep.validation.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates one parameter expression and turns it into a {@link Dimension}. */
final class ParameterParser {

  private final String name;
  private final String field;
  private final List<FieldError> errors;

  private ParameterParser(String name, List<FieldError> errors) {
    this.name = name;
    this.field = "spec.parameters." + name;
    this.errors = errors;
  }

  /**
   * Parses one parameter, appending every problem found to {@code errors}.
   *
   * @return the dimension, or null when there were errors
   */
  static Dimension parse(String name, ParameterSpec spec, List<FieldError> errors) {
    return new ParameterParser(name, errors).parse(spec);
  }

  private Dimension parse(ParameterSpec spec) {
    Map<String, List<?>> set = spec == null ? Map.of() : expressionsSet(spec);
    if (set.size() != 1) {
      String found = set.isEmpty() ? "none is set" : String.join(", ", set.keySet()) + " are set";
      errors.add(
          new FieldError(
              field,
              "a parameter needs exactly one expression (choice, randint, uniform, quniform,"
                  + " loguniform, qloguniform, normal, qnormal, lognormal or qlognormal), but "
                  + found));
      return null;
    }
    String expression = set.keySet().iterator().next();
    int before = errors.size();
    Dimension dimension =
        switch (expression) {
          case "choice" -> ChoiceParser.parse(name, spec.choice, field + ".choice", errors);
          case "randint" -> randint(spec.randint);
          default -> continuous(expression, set.get(expression));
        };
    return errors.size() == before ? dimension : null;
  }

  private static Map<String, List<?>> expressionsSet(ParameterSpec spec) {
    Map<String, List<?>> all = new LinkedHashMap<>();
    all.put("choice", spec.choice);
    all.put("randint", spec.randint);
    all.put("uniform", spec.uniform);
    all.put("quniform", spec.quniform);
    all.put("loguniform", spec.loguniform);
    all.put("qloguniform", spec.qloguniform);
    all.put("normal", spec.normal);
    all.put("qnormal", spec.qnormal);
    all.put("lognormal", spec.lognormal);
    all.put("qlognormal", spec.qlognormal);
    all.values().removeIf(v -> v == null);
    return all;
  }

  private Dimension randint(List<Long> values) {
    String f = field + ".randint";
    if (values.size() != 2) {
      errors.add(new FieldError(f, "needs exactly 2 values [low, high], got " + values.size()));
      return null;
    }
    Long low = values.get(0);
    Long high = values.get(1);
    if (low == null || high == null) {
      errors.add(new FieldError(f, (low == null ? "low" : "high") + " must not be null"));
      return null;
    }
    if (low >= high) {
      errors.add(
          new FieldError(
              f,
              "low must be less than high (randint is [low, high), high excluded); got low "
                  + low
                  + ", high "
                  + high));
      return null;
    }
    return new RandintDimension(name, low, high);
  }

  private Dimension continuous(String expression, List<?> raw) {
    String f = field + "." + expression;
    boolean quantized = expression.startsWith("q");
    boolean range = expression.endsWith("uniform");
    boolean log = expression.contains("log");
    List<String> roles = new ArrayList<>(range ? List.of("min", "max") : List.of("mu", "sigma"));
    if (quantized) {
      roles.add("q");
    }
    if (raw.size() != roles.size()) {
      errors.add(
          new FieldError(
              f,
              "needs exactly "
                  + roles.size()
                  + " values ["
                  + String.join(", ", roles)
                  + "], got "
                  + raw.size()));
      return null;
    }
    double[] v = new double[roles.size()];
    boolean numbersOk = true;
    for (int i = 0; i < v.length; i++) {
      Object x = raw.get(i);
      if (x == null) {
        errors.add(new FieldError(f, roles.get(i) + " must not be null"));
        numbersOk = false;
      } else if (!(x instanceof Number n)) {
        errors.add(new FieldError(f, roles.get(i) + " must be a number, got " + x));
        numbersOk = false;
      } else if (!Double.isFinite(n.doubleValue())) {
        errors.add(new FieldError(f, roles.get(i) + " must be a finite number, got " + n));
        numbersOk = false;
      } else {
        v[i] = n.doubleValue();
      }
    }
    if (!numbersOk) {
      return null;
    }
    int before = errors.size();
    if (range) {
      checkRange(f, v[0], v[1], log);
    } else if (v[1] <= 0) {
      errors.add(new FieldError(f, "sigma must be greater than 0, got " + show(v[1])));
    }
    if (quantized && v[2] <= 0) {
      errors.add(new FieldError(f, "q must be greater than 0, got " + show(v[2])));
    }
    if (errors.size() != before) {
      return null;
    }
    Distribution distribution =
        switch (expression) {
          case "uniform", "quniform" -> new Distribution.Uniform(v[0], v[1]);
          case "loguniform", "qloguniform" -> new Distribution.LogUniform(v[0], v[1]);
          case "normal", "qnormal" -> new Distribution.Normal(v[0], v[1]);
          default -> new Distribution.LogNormal(v[0], v[1]);
        };
    if (!fitsInDouble(distribution, quantized ? v[2] : 1.0)) {
      errors.add(
          new FieldError(
              f,
              "the values of this distribution overflow a double; "
                  + (range ? "narrow the range" : "reduce mu or sigma")));
      return null;
    }
    if (!quantized) {
      return new ContinuousDimension(name, expression, distribution);
    }
    BigDecimal q = ValueFormat.exact(v[2]);
    if (!range) {
      return new QuantizedDimension(name, expression, distribution, q, null, null);
    }
    BigInteger kMin = ValueFormat.exact(v[0]).divide(q, 0, RoundingMode.CEILING).toBigInteger();
    BigInteger kMax = ValueFormat.exact(v[1]).divide(q, 0, RoundingMode.FLOOR).toBigInteger();
    if (kMin.compareTo(kMax) > 0) {
      errors.add(
          new FieldError(
              f,
              "the range ["
                  + show(v[0])
                  + ", "
                  + show(v[1])
                  + "] contains no multiple of q = "
                  + show(v[2])
                  + "; widen the range or use a smaller q"));
      return null;
    }
    return new QuantizedDimension(name, expression, distribution, q, kMin, kMax);
  }

  private void checkRange(String f, double min, double max, boolean log) {
    if (min >= max) {
      errors.add(
          new FieldError(
              f, "min must be less than max, got min " + show(min) + ", max " + show(max)));
    } else if (!Double.isFinite(max - min)) {
      errors.add(new FieldError(f, "max - min is too large to represent as a double"));
    }
    if (log && min <= 0) {
      errors.add(
          new FieldError(f, "min must be greater than 0 on a log scale, got min " + show(min)));
    }
  }

  /** Whether the extreme quantiles, and their multiples of q, are finite doubles. */
  private static boolean fitsInDouble(Distribution d, double q) {
    double lo = d.lowest();
    double hi = d.highest();
    return Double.isFinite(lo)
        && Double.isFinite(hi)
        && Double.isFinite(lo / q)
        && Double.isFinite(hi / q);
  }

  private static String show(double x) {
    return ValueFormat.ofDouble(x);
  }
}
