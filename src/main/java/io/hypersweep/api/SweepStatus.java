package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed and decided about a sweep; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SweepStatus {

  @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Invalid.")
  public SweepPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Finished trials / maxTrials, e.g. 12/40.")
  public String progress;

  @JsonPropertyDescription("Human-readable summary of the latest decision.")
  public String message;

  @JsonPropertyDescription("Valid, Running, Succeeded and Failed conditions.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Number of trials in each state.")
  public TrialCounts trialCounts;

  @JsonPropertyDescription("The best finished trial so far.")
  public TrialRecord bestTrial;

  @JsonPropertyDescription("When the first trial was started (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When the sweep finished (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("Summed durations of finished trials, in seconds.")
  public Long trialSeconds;

  @JsonPropertyDescription(
      "Trial seconds early termination saved: for each early-stopped trial, the steps it did not"
          + " run (up to the longest succeeded trial's last step) times its seconds per step.")
  public Long trialSecondsSaved;

  @JsonPropertyDescription(
      "The warm-start observations taken from spec.sampling.warmStartFrom when the sweep"
          + " started; kept so a restarted operator sees the same priors.")
  public List<PriorTrial> warmStart;

  @JsonPropertyDescription(
      "What the frozen spec fields (spec.parameters, spec.objective metric and goal,"
          + " spec.sampling algorithm and seed) were when the first trial started; a spec that"
          + " changes one of them is Invalid until it is reverted.")
  public java.util.Map<String, String> frozenSpec;

  @JsonPropertyDescription(
      "How many finished trial records were moved out of status.trials into the archive"
          + " ConfigMaps listed in status.archive.")
  public Integer archivedTrials;

  @JsonPropertyDescription(
      "The ConfigMaps holding archived trial records (labelled hypersweep.io/sweep=<name>, data"
          + " key trials.json), in the order they were written.")
  public List<ArchiveChunk> archive;

  @JsonPropertyDescription(
      "One compact record per trial not yet archived, ordered by trial number. Results outlive the trial Jobs.")
  public List<TrialRecord> trials = new ArrayList<>();

  /** The reason of the condition named after the current phase, e.g. TargetReached. */
  @JsonIgnore
  public String phaseReason() {
    if (phase == null) {
      return null;
    }
    return conditions.stream()
        .filter(c -> c.getType().equals(phase.name()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SweepStatus other)) {
      return false;
    }
    return phase == other.phase
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(progress, other.progress)
        && Objects.equals(message, other.message)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(trialCounts, other.trialCounts)
        && Objects.equals(bestTrial, other.bestTrial)
        && Objects.equals(startTime, other.startTime)
        && Objects.equals(completionTime, other.completionTime)
        && Objects.equals(trialSeconds, other.trialSeconds)
        && Objects.equals(trialSecondsSaved, other.trialSecondsSaved)
        && Objects.equals(warmStart, other.warmStart)
        && Objects.equals(frozenSpec, other.frozenSpec)
        && Objects.equals(archivedTrials, other.archivedTrials)
        && Objects.equals(archive, other.archive)
        && Objects.equals(trials, other.trials);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, observedGeneration, progress, trials.size());
  }
}
