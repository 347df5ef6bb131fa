package io.hypersweep.validation;

import io.hypersweep.api.EarlyTerminationPolicy;
import io.hypersweep.api.EarlyTerminationSpec;
import io.hypersweep.termination.AshaSettings;
import io.hypersweep.termination.BanditSettings;
import io.hypersweep.termination.MedianStoppingSettings;
import io.hypersweep.termination.TerminationSettings;
import io.hypersweep.termination.TruncationSelectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validation: maps {@code spec.earlyTermination} to the policy settings, naming the field of each
 * problem. A setting the chosen policy does not use is an error rather than silently ignored, since
 * it usually means the wrong policy was picked.
 */
final class TerminationSpecs {
  private static final String BASE = "spec.earlyTermination.";

  private static final Map<EarlyTerminationPolicy, Set<String>> USES =
      Map.of(
          EarlyTerminationPolicy.NONE,
          Set.of(),
          EarlyTerminationPolicy.BANDIT,
          Set.of("slackFactor", "slackAmount", "evaluationInterval", "delayEvaluation"),
          EarlyTerminationPolicy.MEDIAN_STOPPING,
          Set.of("evaluationInterval", "delayEvaluation"),
          EarlyTerminationPolicy.TRUNCATION_SELECTION,
          Set.of("truncationPercentage", "evaluationInterval", "delayEvaluation"),
          EarlyTerminationPolicy.ASHA,
          Set.of("minResource", "maxResource", "reductionFactor"));

  private TerminationSpecs() {}

  /** The settings of the chosen policy, empty for none (or when errors were added). */
  static Optional<TerminationSettings> settings(
      EarlyTerminationSpec spec, List<FieldError> errors) {
    if (spec == null) {
      return Optional.empty();
    }
    EarlyTerminationPolicy policy = spec.policy == null ? EarlyTerminationPolicy.NONE : spec.policy;
    List<FieldError> found = new ArrayList<>();
    Map<String, Object> given = new TreeMap<>();
    given.put("slackFactor", spec.slackFactor);
    given.put("slackAmount", spec.slackAmount);
    given.put("evaluationInterval", spec.evaluationInterval);
    given.put("delayEvaluation", spec.delayEvaluation);
    given.put("truncationPercentage", spec.truncationPercentage);
    given.put("minResource", spec.minResource);
    given.put("maxResource", spec.maxResource);
    given.put("reductionFactor", spec.reductionFactor);
    given.forEach(
        (name, value) -> {
          if (value != null && !USES.get(policy).contains(name)) {
            found.add(new FieldError(BASE + name, "is not a setting of policy " + name(policy)));
          }
        });
    int interval = spec.evaluationInterval == null ? 1 : spec.evaluationInterval;
    if (interval < 1) {
      found.add(new FieldError(BASE + "evaluationInterval", "must be at least 1"));
    }
    if (spec.delayEvaluation != null && spec.delayEvaluation < 0) {
      found.add(new FieldError(BASE + "delayEvaluation", "must be 0 or more"));
    }
    Optional<TerminationSettings> out =
        switch (policy) {
          case NONE -> Optional.empty();
          case BANDIT -> bandit(spec, interval, found);
          case MEDIAN_STOPPING ->
              Optional.of(
                  new MedianStoppingSettings(
                      interval,
                      spec.delayEvaluation == null ? 5 : Math.max(0, spec.delayEvaluation),
                      MedianStoppingSettings.defaults().minTrials()));
          case TRUNCATION_SELECTION -> truncation(spec, interval, found);
          case ASHA -> asha(spec, found);
        };
    errors.addAll(found);
    return found.isEmpty() ? out : Optional.empty();
  }

  private static Optional<TerminationSettings> bandit(
      EarlyTerminationSpec spec, int interval, List<FieldError> errors) {
    if ((spec.slackFactor == null) == (spec.slackAmount == null)) {
      errors.add(
          new FieldError(
              BASE + "slackFactor",
              "bandit needs exactly one of slackFactor and" + " slackAmount"));
      return Optional.empty();
    }
    if (spec.slackFactor != null && !(spec.slackFactor > 0 && Double.isFinite(spec.slackFactor))) {
      errors.add(new FieldError(BASE + "slackFactor", "must be a number above 0"));
    }
    if (spec.slackAmount != null && !(spec.slackAmount >= 0 && Double.isFinite(spec.slackAmount))) {
      errors.add(new FieldError(BASE + "slackAmount", "must be a number, 0 or more"));
    }
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BanditSettings(
            spec.slackFactor,
            spec.slackAmount,
            interval,
            spec.delayEvaluation == null ? 0 : Math.max(0, spec.delayEvaluation)));
  }

  private static Optional<TerminationSettings> truncation(
      EarlyTerminationSpec spec, int interval, List<FieldError> errors) {
    TruncationSelectionSettings d = TruncationSelectionSettings.defaults();
    int percentage =
        spec.truncationPercentage == null ? d.truncationPercentage() : spec.truncationPercentage;
    if (percentage < 1 || percentage > 99) {
      errors.add(new FieldError(BASE + "truncationPercentage", "must be between 1 and 99"));
      return Optional.empty();
    }
    return Optional.of(
        new TruncationSelectionSettings(
            percentage,
            interval,
            spec.delayEvaluation == null ? d.delayEvaluation() : Math.max(0, spec.delayEvaluation),
            d.minTrials()));
  }

  private static Optional<TerminationSettings> asha(
      EarlyTerminationSpec spec, List<FieldError> errors) {
    AshaSettings d = AshaSettings.defaults();
    long min = spec.minResource == null ? d.minResource() : spec.minResource;
    int factor = spec.reductionFactor == null ? d.reductionFactor() : spec.reductionFactor;
    if (min < 1) {
      errors.add(new FieldError(BASE + "minResource", "must be at least 1"));
    }
    if (spec.maxResource != null && spec.maxResource < min) {
      errors.add(
          new FieldError(BASE + "maxResource", "must be at least minResource (" + min + ")"));
    }
    if (factor < 2) {
      errors.add(new FieldError(BASE + "reductionFactor", "must be at least 2"));
    }
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AshaSettings(min, spec.maxResource, factor));
  }

  /** The name users write in a manifest. */
  static String name(EarlyTerminationPolicy policy) {
    return switch (policy) {
      case NONE -> "none";
      case BANDIT -> "bandit";
      case MEDIAN_STOPPING -> "medianStopping";
      case TRUNCATION_SELECTION -> "truncationSelection";
      case ASHA -> "asha";
    };
  }
}
