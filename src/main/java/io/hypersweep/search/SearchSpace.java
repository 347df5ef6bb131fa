package io.hypersweep.search;

import io.hypersweep.api.ParameterSpec;
import io.hypersweep.validation.FieldError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A validated search space: the parameter dimensions, ordered by parameter name. */
public final class SearchSpace {

  /** Names become environment variables {@code HYPERSWEEP_PARAM_<NAME>}, hence this shape. */
  public static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

  private final List<Dimension> dimensions;

  private SearchSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /**
   * Validates {@code spec.parameters} and builds the space, reporting every problem found.
   *
   * <p>Dimensions are sorted by name because the API server does not keep map key order, and the
   * order decides which unit coordinate feeds which parameter.
   */
  public static SearchSpaceParse parse(Map<String, ParameterSpec> parameters) {
    List<FieldError> errors = new ArrayList<>();
    if (parameters == null || parameters.isEmpty()) {
      errors.add(new FieldError("spec.parameters", "at least one parameter is required"));
      return SearchSpaceParse.invalid(errors);
    }
    TreeMap<String, ParameterSpec> sorted = new TreeMap<>();
    // Not containsKey(null): immutable maps throw on it.
    parameters.forEach(
        (name, spec) -> {
          if (name == null) {
            errors.add(new FieldError("spec.parameters", "a parameter name must not be null"));
          } else {
            sorted.put(name, spec);
          }
        });
    Map<String, String> byEnvName = new HashMap<>();
    List<Dimension> dimensions = new ArrayList<>();
    for (Map.Entry<String, ParameterSpec> entry : sorted.entrySet()) {
      String name = entry.getKey();
      String field = "spec.parameters." + name;
      if (!NAME.matcher(name).matches()) {
        errors.add(
            new FieldError(
                field,
                "parameter name must match "
                    + NAME.pattern()
                    + " (a letter or underscore, then up to 62 letters, digits or underscores),"
                    + " because it becomes an environment variable"));
      } else {
        String upper = name.toUpperCase(Locale.ROOT);
        String other = byEnvName.putIfAbsent(upper, name);
        if (other != null) {
          errors.add(
              new FieldError(
                  field,
                  "parameter names "
                      + other
                      + " and "
                      + name
                      + " both become the environment variable HYPERSWEEP_PARAM_"
                      + upper
                      + "; rename one of them"));
        }
      }
      Dimension dimension = ParameterParser.parse(name, entry.getValue(), errors);
      if (dimension != null) {
        dimensions.add(dimension);
      }
    }
    return errors.isEmpty()
        ? SearchSpaceParse.valid(new SearchSpace(dimensions))
        : SearchSpaceParse.invalid(errors);
  }

  /** The dimensions in name order. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** The number of dimensions, at least one. */
  public int dimensionCount() {
    return dimensions.size();
  }

  /** The parameter names in dimension order. */
  public List<String> names() {
    return dimensions.stream().map(Dimension::name).toList();
  }

  /**
   * Renders a point of [0, 1)^d as parameter values.
   *
   * @throws IllegalArgumentException if the point has the wrong length or a NaN coordinate
   */
  public SortedMap<String, String> render(double[] unitPoint) {
    if (unitPoint.length != dimensions.size()) {
      throw new IllegalArgumentException(
          "point has " + unitPoint.length + " coordinates, space has " + dimensions.size());
    }
    SortedMap<String, String> values = new TreeMap<>();
    for (int i = 0; i < unitPoint.length; i++) {
      Dimension d = dimensions.get(i);
      values.put(d.name(), d.valueAt(unitPoint[i]));
    }
    return values;
  }

  /**
   * Maps rendered parameter values back to a point of [0, 1)^d; the inverse of {@link #render}.
   *
   * @throws IllegalArgumentException if a parameter is missing or its value is not in the space
   */
  public double[] toUnit(Map<String, String> values) {
    double[] point = new double[dimensions.size()];
    for (int i = 0; i < point.length; i++) {
      Dimension d = dimensions.get(i);
      String value = values.get(d.name());
      if (value == null) {
        throw new IllegalArgumentException("no value for parameter " + d.name());
      }
      point[i] = d.toUnit(value);
    }
    return point;
  }

  /** Whether every dimension has a finite set of values, so that a grid can cover the space. */
  public boolean isFinite() {
    return dimensions.stream().allMatch(d -> d.gridSize().isPresent());
  }

  /** The dimensions that have no finite set of values, in name order. */
  public List<Dimension> infiniteDimensions() {
    return dimensions.stream().filter(d -> d.gridSize().isEmpty()).toList();
  }

  /** The number of distinct points when the space is finite. */
  public Optional<BigInteger> gridSize() {
    BigInteger product = BigInteger.ONE;
    for (Dimension d : dimensions) {
      Optional<BigInteger> size = d.gridSize();
      if (size.isEmpty()) {
        return Optional.empty();
      }
      product = product.multiply(size.get());
    }
    return Optional.of(product);
  }
}
