package io.hypersweep.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.hypersweep.api.Algorithm;
import io.hypersweep.api.BayesianSettings;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.LimitsSpec;
import io.hypersweep.api.MetricNames;
import io.hypersweep.api.ObjectiveSpec;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.TpeSettings;
import io.hypersweep.search.SamplerCreation;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.search.SearchSpaceParse;
import io.hypersweep.termination.TerminationSettings;
import io.hypersweep.trial.ParameterSubstitution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks everything about a sweep that the CRD schema cannot, naming the field of each problem. */
public final class SweepValidator {
  /** Trial Job names append -N to the sweep name and must stay within 63 characters. */
  private static final int MAX_NAME_LENGTH = 50;

  /** The longest name any Kubernetes object can have. */
  private static final int MAX_OBJECT_NAME_LENGTH = 253;

  private static final int MAX_TRIALS = 10000;
  private static final int MAX_PARAMETERS = 64;
  private static final int MAX_CHOICES = 1000;
  private static final int MAX_CONCURRENT_TRIALS = 1000;
  private static final Pattern METRIC_NAME = Pattern.compile(MetricNames.PATTERN);
  private static final Pattern DNS_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /** The validated sweep, or the list of problems. */
  public record Result(Optional<ValidatedSweep> sweep, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  public Result validate(HyperparameterSweep sweep) {
    List<FieldError> errors = new ArrayList<>();
    String sweepName = sweep.getMetadata() == null ? null : sweep.getMetadata().getName();
    if (sweepName != null && sweepName.length() > MAX_NAME_LENGTH) {
      errors.add(
          new FieldError(
              "metadata.name",
              "must be at most " + MAX_NAME_LENGTH + " characters: trial Job names add a suffix"));
    }
    SweepSpec spec = sweep.getSpec();
    if (spec == null) {
      errors.add(new FieldError("spec", "is required"));
      return new Result(Optional.empty(), List.copyOf(errors));
    }
    ObjectiveSpec objective = spec.objective;
    if (objective == null) {
      errors.add(new FieldError("spec.objective", "is required"));
    } else {
      if (objective.metric == null || !METRIC_NAME.matcher(objective.metric).matches()) {
        errors.add(
            new FieldError(
                "spec.objective.metric",
                "must be a metric name (letters, digits, _ . / -), got '"
                    + objective.metric
                    + "'"));
      }
      if (objective.goal == null) {
        errors.add(new FieldError("spec.objective.goal", "is required: maximize or minimize"));
      }
      if (objective.target != null && !Double.isFinite(objective.target)) {
        errors.add(new FieldError("spec.objective.target", "must be a finite number"));
      }
      List<String> extra =
          objective.additionalMetrics == null ? List.of() : objective.additionalMetrics;
      for (int i = 0; i < extra.size(); i++) {
        if (extra.get(i) == null || !METRIC_NAME.matcher(extra.get(i)).matches()) {
          errors.add(
              new FieldError(
                  "spec.objective.additionalMetrics[" + i + "]", "is not a metric name"));
        }
      }
    }

    if (spec.parameters != null) {
      if (spec.parameters.size() > MAX_PARAMETERS) {
        errors.add(
            new FieldError(
                "spec.parameters",
                "at most " + MAX_PARAMETERS + " parameters, got " + spec.parameters.size()));
      }
      spec.parameters.forEach(
          (name, p) -> {
            if (p != null && p.choice != null && p.choice.size() > MAX_CHOICES) {
              errors.add(
                  new FieldError(
                      "spec.parameters." + name + ".choice",
                      "at most " + MAX_CHOICES + " values, got " + p.choice.size()));
            }
          });
    }
    SearchSpaceParse parsed = SearchSpace.parse(spec.parameters);
    errors.addAll(parsed.errors());
    SamplingSpec sampling = spec.sampling == null ? new SamplingSpec() : spec.sampling;
    SamplerCreation sampler = null;
    // The CRD schema's ranges, checked again for clusters (and local mode) that skip the schema.
    boolean settingsValid = checkSettings(sampling, errors);
    if (parsed.isValid() && settingsValid) {
      sampler = Samplers.create(sampling, parsed.space());
      errors.addAll(sampler.errors());
    }

    List<String> sources = sampling.warmStartFrom == null ? List.of() : sampling.warmStartFrom;
    for (int i = 0; i < sources.size(); i++) {
      String source = sources.get(i);
      if (source == null
          || source.length() > MAX_OBJECT_NAME_LENGTH
          || !DNS_NAME.matcher(source).matches()) {
        errors.add(new FieldError("spec.sampling.warmStartFrom[" + i + "]", "is not a sweep name"));
      } else if (source.equals(sweep.getMetadata().getName())) {
        errors.add(
            new FieldError(
                "spec.sampling.warmStartFrom[" + i + "]", "a sweep cannot warm-start from itself"));
      }
    }

    LimitsSpec limits = spec.limits == null ? new LimitsSpec() : spec.limits;
    int maxTrials =
        positive(
            limits.maxTrials, ValidatedSweep.DEFAULT_MAX_TRIALS, MAX_TRIALS, "maxTrials", errors);
    int maxConcurrent =
        positive(
            limits.maxConcurrentTrials,
            ValidatedSweep.DEFAULT_MAX_CONCURRENT_TRIALS,
            MAX_CONCURRENT_TRIALS,
            "maxConcurrentTrials",
            errors);
    int maxFailed =
        limits.maxFailedTrials == null
            ? ValidatedSweep.DEFAULT_MAX_FAILED_TRIALS
            : limits.maxFailedTrials;
    if (maxFailed < 0 || maxFailed > MAX_TRIALS) {
      errors.add(
          new FieldError("spec.limits.maxFailedTrials", "must be between 0 and " + MAX_TRIALS));
    }
    Optional<Duration> timeout = duration(limits.timeout, "spec.limits.timeout", errors);
    Optional<Duration> trialTimeout =
        duration(limits.trialTimeout, "spec.limits.trialTimeout", errors);
    Optional<Duration> pendingTimeout =
        duration(limits.pendingTimeout, "spec.limits.pendingTimeout", errors);

    Optional<TerminationSettings> termination =
        TerminationSpecs.settings(spec.earlyTermination, errors);
    Duration pollInterval =
        spec.metrics == null || spec.metrics.pollInterval == null
            ? ValidatedSweep.DEFAULT_POLL_INTERVAL
            : duration(spec.metrics.pollInterval, "spec.metrics.pollInterval", errors)
                .orElse(ValidatedSweep.DEFAULT_POLL_INTERVAL);

    Set<String> names = parsed.isValid() ? Set.copyOf(parsed.space().names()) : Set.of();
    validateTemplate(sweep, spec.trialTemplate, names, parsed.isValid(), errors);

    if (errors.isEmpty()) {
      StatusBudget.check(
              sweep,
              parsed.space(),
              objective.metric,
              objective.additionalMetrics == null ? List.of() : objective.additionalMetrics,
              maxTrials,
              maxConcurrent,
              maxFailed,
              !sources.isEmpty(),
              termination.isPresent())
          .ifPresent(errors::add);
    }
    if (!errors.isEmpty()) {
      return new Result(Optional.empty(), List.copyOf(errors));
    }
    Algorithm algorithm = sampling.algorithm == null ? Algorithm.RANDOM : sampling.algorithm;
    long seed = sampling.seed == null ? 0L : sampling.seed;
    return new Result(
        Optional.of(
            new ValidatedSweep(
                objective.metric,
                objective.goal,
                Optional.ofNullable(objective.target),
                objective.additionalMetrics == null
                    ? List.of()
                    : List.copyOf(objective.additionalMetrics),
                parsed.space(),
                algorithm,
                seed,
                sampler.sampler(),
                sampling.warmStartFrom == null ? List.of() : List.copyOf(sampling.warmStartFrom),
                maxTrials,
                maxConcurrent,
                maxFailed,
                timeout,
                trialTimeout,
                spec.trialTemplate,
                termination,
                pollInterval,
                pendingTimeout.orElse(ValidatedSweep.DEFAULT_PENDING_TIMEOUT))),
        List.of());
  }

  private static void validateTemplate(
      HyperparameterSweep sweep,
      JobTemplateSpec template,
      Set<String> parameterNames,
      boolean checkReferences,
      List<FieldError> errors) {
    String base = "spec.trialTemplate";
    if (template == null || template.getSpec() == null) {
      errors.add(new FieldError(base + ".spec", "is required: a batch/v1 Job spec"));
      return;
    }
    if (template.getMetadata() != null
        && template.getMetadata().getOwnerReferences() != null
        && !template.getMetadata().getOwnerReferences().isEmpty()) {
      errors.add(
          new FieldError(
              base + ".metadata.ownerReferences",
              "must not be set: the operator makes each trial Job owned by its sweep"));
    }
    if (template.getMetadata() != null
        && template.getMetadata().getNamespace() != null
        && !template.getMetadata().getNamespace().equals(sweep.getMetadata().getNamespace())) {
      errors.add(
          new FieldError(
              base + ".metadata.namespace",
              "trials run in the sweep's namespace '"
                  + sweep.getMetadata().getNamespace()
                  + "'; remove the namespace or set it to that"));
    }
    if (template.getSpec().getTemplate() == null
        || template.getSpec().getTemplate().getSpec() == null) {
      errors.add(new FieldError(base + ".spec.template.spec", "is required: a pod spec"));
      return;
    }
    PodSpec pod = template.getSpec().getTemplate().getSpec();
    String podPath = base + ".spec.template.spec";
    if (pod.getRestartPolicy() != null
        && !pod.getRestartPolicy().equals("Never")
        && !pod.getRestartPolicy().equals("OnFailure")) {
      errors.add(
          new FieldError(
              podPath + ".restartPolicy",
              "must be Never or OnFailure for a Job (Never is default)"));
    }
    if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
      errors.add(new FieldError(podPath + ".containers", "must list at least one container"));
      return;
    }
    // The trial containers need a name and an image, or every trial's Job is refused.
    for (int c = 0; c < pod.getContainers().size(); c++) {
      Container container = pod.getContainers().get(c);
      String at = podPath + ".containers[" + c + "]";
      if (container != null && (container.getName() == null || container.getName().isBlank())) {
        errors.add(new FieldError(at + ".name", "is required"));
      }
      if (container != null && (container.getImage() == null || container.getImage().isBlank())) {
        errors.add(new FieldError(at + ".image", "is required"));
      }
    }
    if (!checkReferences) {
      return;
    }
    checkContainers(pod.getContainers(), podPath + ".containers", parameterNames, errors);
    if (pod.getInitContainers() != null) {
      checkContainers(pod.getInitContainers(), podPath + ".initContainers", parameterNames, errors);
    }
  }

  private static void checkContainers(
      List<Container> containers, String path, Set<String> names, List<FieldError> errors) {
    for (int c = 0; c < containers.size(); c++) {
      Container container = containers.get(c);
      String at = path + "[" + c + "]";
      if (container == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      checkStrings(container.getCommand(), at + ".command", names, errors);
      checkStrings(container.getArgs(), at + ".args", names, errors);
      if (container.getEnv() != null) {
        for (int e = 0; e < container.getEnv().size(); e++) {
          EnvVar env = container.getEnv().get(e);
          if (env == null) {
            errors.add(new FieldError(at + ".env[" + e + "]", "must not be null"));
            continue;
          }
          checkString(env.getValue(), at + ".env[" + e + "].value", names, errors);
        }
      }
    }
  }

  private static void checkStrings(
      List<String> values, String path, Set<String> names, List<FieldError> errors) {
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        checkString(values.get(i), path + "[" + i + "]", names, errors);
      }
    }
  }

  private static void checkString(
      String value, String path, Set<String> names, List<FieldError> errors) {
    for (String unknown : ParameterSubstitution.unknownReferences(value, names)) {
      errors.add(
          new FieldError(
              path,
              "refers to ${params."
                  + unknown
                  + "}, but spec.parameters has no parameter '"
                  + unknown
                  + "'"));
    }
  }

  private static int positive(
      Integer value, int fallback, int max, String field, List<FieldError> errors) {
    if (value == null) {
      return fallback;
    }
    if (value < 1 || value > max) {
      errors.add(new FieldError("spec.limits." + field, "must be between 1 and " + max));
    }
    return value;
  }

  /** The ranges of spec.sampling.bayesian and spec.sampling.tpe; true when all are in range. */
  private static boolean checkSettings(SamplingSpec sampling, List<FieldError> errors) {
    int before = errors.size();
    String at = "spec.sampling.";
    BayesianSettings b = sampling.bayesian;
    if (b != null) {
      range(b.initialTrials, 1, 1000, at + "bayesian.initialTrials", errors);
      range(b.exploration, 0, 100, at + "bayesian.exploration", errors);
      range(b.candidates, 16, 100000, at + "bayesian.candidates", errors);
    }
    TpeSettings t = sampling.tpe;
    if (t != null) {
      range(t.startupTrials, 1, 1000, at + "tpe.startupTrials", errors);
      range(t.gamma, 0.01, 0.99, at + "tpe.gamma", errors);
      range(t.candidates, 1, 10000, at + "tpe.candidates", errors);
    }
    return errors.size() == before;
  }

  private static void range(
      Number value, double min, double max, String field, List<FieldError> errors) {
    if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
      errors.add(
          new FieldError(
              field, "must be between " + plain(min) + " and " + plain(max) + ", got " + value));
    }
  }

  private static Optional<Duration> duration(String text, String field, List<FieldError> errors) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text);
    if (d.isEmpty()) {
      errors.add(
          new FieldError(field, "'" + text + "' is not a duration such as 90s, 20m, 2h or 1h30m"));
    }
    return d;
  }

  private static String plain(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
