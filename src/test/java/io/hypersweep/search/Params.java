package io.hypersweep.search;

import io.fabric8.kubernetes.api.model.AnyType;
import io.hypersweep.api.ParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test fixture: builds parameter expressions and spaces tersely. */
public final class Params {

  private Params() {}

  public static ParameterSpec choice(Object... values) {
    ParameterSpec p = new ParameterSpec();
    p.choice = Arrays.stream(values).map(AnyType::new).toList();
    return p;
  }

  public static ParameterSpec randint(Long... bounds) {
    ParameterSpec p = new ParameterSpec();
    p.randint = Arrays.asList(bounds);
    return p;
  }

  /** Builds any of the eight double-valued expressions by name. */
  public static ParameterSpec expr(String expression, Double... values) {
    ParameterSpec p = new ParameterSpec();
    List<Double> v = Arrays.asList(values);
    switch (expression) {
      case "uniform" -> p.uniform = v;
      case "quniform" -> p.quniform = v;
      case "loguniform" -> p.loguniform = v;
      case "qloguniform" -> p.qloguniform = v;
      case "normal" -> p.normal = v;
      case "qnormal" -> p.qnormal = v;
      case "lognormal" -> p.lognormal = v;
      case "qlognormal" -> p.qlognormal = v;
      default -> throw new IllegalArgumentException(expression);
    }
    return p;
  }

  /** Parses a space that the test expects to be valid. */
  public static SearchSpace space(Map<String, ParameterSpec> parameters) {
    SearchSpaceParse parse = SearchSpace.parse(parameters);
    if (!parse.isValid()) {
      throw new AssertionError("expected a valid space, got " + parse.errors());
    }
    return parse.space();
  }

  /** The single dimension of a one-parameter space named x. */
  public static Dimension dimension(ParameterSpec spec) {
    return space(Map.of("x", spec)).dimensions().get(0);
  }
}
