package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A succeeded trial of another sweep, used as a prior observation by a warm-started sweep. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PriorTrial {

  @JsonPropertyDescription("The sweep the trial ran in.")
  public String sweep;

  @JsonPropertyDescription("Its trial number there.")
  public int number;

  @JsonPropertyDescription("Its parameter values.")
  public Map<String, String> parameters = new TreeMap<>();

  @JsonPropertyDescription("Its objective value.")
  public double objectiveValue;

  @Override
  public boolean equals(Object o) {
    return o instanceof PriorTrial p
        && number == p.number
        && Double.compare(objectiveValue, p.objectiveValue) == 0
        && Objects.equals(sweep, p.sweep)
        && Objects.equals(parameters, p.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sweep, number);
  }
}
