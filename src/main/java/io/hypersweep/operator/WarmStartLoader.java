package io.hypersweep.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.validation.FieldError;
import io.hypersweep.validation.ValidatedSweep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the warm-start sweeps once, when a sweep starts; afterwards the priors kept in the sweep's
 * status are used, so the source sweeps may change or go away without changing anything.
 */
final class WarmStartLoader {
  /** Enough to shape a model; more would only bloat the status. */
  static final int MAX_PRIORS = 500;

  /** The priors, or the fields that name missing sweeps. */
  record Result(List<PriorTrial> priors, List<FieldError> errors) {}

  private WarmStartLoader() {}

  static Result load(
      KubernetesClient client, String namespace, ValidatedSweep sweep, SweepStatus previous) {
    if (sweep.warmStartFrom().isEmpty()) {
      return new Result(null, List.of());
    }
    if (previous.warmStart != null) {
      return new Result(previous.warmStart, List.of());
    }
    if (!previous.trials.isEmpty()) {
      // Added after the sweep started: earlier suggestions did not see priors, so none are used.
      return new Result(List.of(), List.of());
    }
    List<PriorTrial> priors = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < sweep.warmStartFrom().size(); i++) {
      String name = sweep.warmStartFrom().get(i);
      HyperparameterSweep source =
          client.resources(HyperparameterSweep.class).inNamespace(namespace).withName(name).get();
      if (source == null) {
        errors.add(
            new FieldError(
                "spec.sampling.warmStartFrom[" + i + "]",
                "no sweep named '" + name + "' in namespace '" + namespace + "'"));
      } else if (compatibleObjective(source, sweep)) {
        addTrials(source, TrialArchive.allRecords(client, source), sweep.space(), priors);
      }
    }
    return new Result(priors.size() > MAX_PRIORS ? priors.subList(0, MAX_PRIORS) : priors, errors);
  }

  private static boolean compatibleObjective(HyperparameterSweep source, ValidatedSweep sweep) {
    return source.getSpec() != null
        && source.getSpec().objective != null
        && sweep.metric().equals(source.getSpec().objective.metric)
        && source.getStatus() != null;
  }

  private static void addTrials(
      HyperparameterSweep source,
      List<TrialRecord> trials,
      SearchSpace space,
      List<PriorTrial> priors) {
    Set<String> names = new HashSet<>(space.names());
    for (TrialRecord t : trials) {
      if (t.state == TrialState.Succeeded
          && t.objectiveValue != null
          && t.parameters.keySet().equals(names)
          && insideSpace(space, t)) {
        PriorTrial p = new PriorTrial();
        p.sweep = source.getMetadata().getName();
        p.number = t.number;
        p.parameters = new TreeMap<>(t.parameters);
        p.objectiveValue = t.objectiveValue;
        priors.add(p);
      }
    }
  }

  /** A trial from a wider search space cannot be placed in this one, so it is left out. */
  private static boolean insideSpace(SearchSpace space, TrialRecord t) {
    try {
      for (double u : space.toUnit(t.parameters)) {
        if (!(u >= 0 && u <= 1)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
