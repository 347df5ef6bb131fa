package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The compact, durable record of one trial: what it ran with and what it reported. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class TrialRecord {

  @JsonPropertyDescription("Trial number, starting at 1.")
  public int number;

  @JsonPropertyDescription("Name of the trial's Job.")
  public String name;

  @JsonPropertyDescription("Pending, Running, Succeeded, Failed, Stopped or EarlyStopped.")
  public TrialState state;

  @JsonPropertyDescription("Why the trial is in its state, e.g. Completed, MissingObjective.")
  public String reason;

  @JsonPropertyDescription("Details for a failed or stopped trial.")
  public String message;

  @JsonPropertyDescription("Parameter values exactly as substituted into the trial.")
  public Map<String, String> parameters = new TreeMap<>();

  @JsonPropertyDescription("Final metric values the trial reported.")
  public Map<String, Double> metrics = new TreeMap<>();

  @JsonPropertyDescription("The objective metric's final value, when reported.")
  public Double objectiveValue;

  @JsonPropertyDescription("When the Job was created (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When the trial finished (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription(
      "The objective's intermediate values as (step, value), sorted by step: only the points the"
          + " early-termination policy needs, at most 200.")
  public List<CurvePoint> curve = new ArrayList<>();

  @JsonPropertyDescription("The step at which an early-stopped trial was judged.")
  public Long stoppedAtStep;

  /** A copy that can be changed without touching this record. */
  public TrialRecord copy() {
    TrialRecord r = new TrialRecord();
    r.number = number;
    r.name = name;
    r.state = state;
    r.reason = reason;
    r.message = message;
    r.parameters = new TreeMap<>(parameters);
    r.metrics = new TreeMap<>(metrics);
    r.objectiveValue = objectiveValue;
    r.startTime = startTime;
    r.completionTime = completionTime;
    r.curve = new ArrayList<>();
    for (CurvePoint p : curve) {
      r.curve.add(new CurvePoint(p.step, p.value));
    }
    r.stoppedAtStep = stoppedAtStep;
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialRecord r
        && number == r.number
        && Objects.equals(name, r.name)
        && state == r.state
        && Objects.equals(reason, r.reason)
        && Objects.equals(message, r.message)
        && Objects.equals(parameters, r.parameters)
        && Objects.equals(metrics, r.metrics)
        && Objects.equals(objectiveValue, r.objectiveValue)
        && Objects.equals(startTime, r.startTime)
        && Objects.equals(completionTime, r.completionTime)
        && Objects.equals(curve, r.curve)
        && Objects.equals(stoppedAtStep, r.stoppedAtStep);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, state, objectiveValue);
  }
}
