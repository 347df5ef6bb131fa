package io.hypersweep.trial;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.validation.ValidatedSweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Renders the Job of one trial from the sweep's template and the trial's parameters. */
public final class TrialJobFactory {
  public static final String DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  private TrialJobFactory() {}

  public static Job render(
      HyperparameterSweep sweep,
      ValidatedSweep validated,
      int number,
      SortedMap<String, String> params) {
    return render(sweep, validated, number, params, Map.of());
  }

  /**
   * Renders the Job, giving every container also {@code extraEnv} (the metrics push URL and token)
   * before the user's own entries.
   */
  public static Job render(
      HyperparameterSweep sweep,
      ValidatedSweep validated,
      int number,
      SortedMap<String, String> params,
      Map<String, String> extraEnv) {
    String sweepName = sweep.getMetadata().getName();
    String paramsJson = Serialization.asJson(params);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(TrialLabels.SWEEP, sweepName);
    labels.put(TrialLabels.TRIAL, Integer.toString(number));
    labels.put(TrialLabels.MANAGED_BY, TrialLabels.MANAGER);

    Job job = new Job();
    ObjectMeta templateMeta = validated.trialTemplate().getMetadata();
    ObjectMeta meta = templateMeta == null ? new ObjectMeta() : Serialization.clone(templateMeta);
    meta.setName(TrialNames.jobName(sweepName, number));
    meta.setNamespace(sweep.getMetadata().getNamespace());
    meta.setGenerateName(null);
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setLabels(merge(meta.getLabels(), labels));
    meta.setAnnotations(merge(meta.getAnnotations(), Map.of(TrialLabels.PARAMETERS, paramsJson)));
    meta.setOwnerReferences(
        List.of(
            new OwnerReferenceBuilder()
                .withApiVersion(sweep.getApiVersion())
                .withKind(sweep.getKind())
                .withName(sweepName)
                .withUid(sweep.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build()));
    job.setMetadata(meta);

    JobSpec spec = Serialization.clone(validated.trialTemplate().getSpec());
    // A retried pod would report metrics twice under one trial; retries are the sweep's job.
    if (spec.getBackoffLimit() == null) {
      spec.setBackoffLimit(0);
    }
    validated
        .trialTimeout()
        .ifPresent(t -> spec.setActiveDeadlineSeconds(Math.max(1, t.toSeconds())));
    PodTemplateSpec podTemplate = spec.getTemplate();
    ObjectMeta podMeta =
        podTemplate.getMetadata() == null ? new ObjectMeta() : podTemplate.getMetadata();
    podMeta.setLabels(merge(podMeta.getLabels(), labels));
    podTemplate.setMetadata(podMeta);
    PodSpec pod = podTemplate.getSpec();
    if (pod.getRestartPolicy() == null) {
      pod.setRestartPolicy("Never");
    }
    List<EnvVar> env = trialEnv(sweepName, number, params, paramsJson);
    new TreeMap<>(extraEnv).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    pod.getContainers().forEach(c -> prepare(c, env, params, number, sweepName));
    if (pod.getInitContainers() != null) {
      pod.getInitContainers().forEach(c -> prepare(c, env, params, number, sweepName));
    }
    job.setSpec(spec);
    return job;
  }

  /** The name of the environment variable that carries parameter {@code name}. */
  public static String envName(String name) {
    return "HYPERSWEEP_PARAM_" + name.toUpperCase(Locale.ROOT);
  }

  private static List<EnvVar> trialEnv(
      String sweepName, int number, Map<String, String> params, String paramsJson) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("HYPERSWEEP_SWEEP_NAME", sweepName, null));
    env.add(new EnvVar("HYPERSWEEP_TRIAL_NUMBER", Integer.toString(number), null));
    env.add(new EnvVar("HYPERSWEEP_PARAMS", paramsJson, null));
    params.forEach((name, value) -> env.add(new EnvVar(envName(name), value, null)));
    return env;
  }

  private static void prepare(
      Container c, List<EnvVar> trialEnv, Map<String, String> params, int number, String sweep) {
    if (c.getCommand() != null) {
      c.setCommand(substitute(c.getCommand(), params, number, sweep));
    }
    if (c.getArgs() != null) {
      c.setArgs(substitute(c.getArgs(), params, number, sweep));
    }
    List<EnvVar> env = new ArrayList<>(trialEnv);
    String terminationPath =
        c.getTerminationMessagePath() == null
            ? DEFAULT_TERMINATION_MESSAGE_PATH
            : c.getTerminationMessagePath();
    env.add(new EnvVar("HYPERSWEEP_TERMINATION_MESSAGE_PATH", terminationPath, null));
    // User entries come last so they can override ours and refer to them with $(VAR).
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        e.setValue(ParameterSubstitution.apply(e.getValue(), params, number, sweep));
        env.add(e);
      }
    }
    c.setEnv(env);
  }

  private static List<String> substitute(
      List<String> values, Map<String, String> params, int number, String sweep) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(ParameterSubstitution.apply(v, params, number, sweep));
    }
    return out;
  }

  private static Map<String, String> merge(Map<String, String> base, Map<String, String> ours) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (base != null) {
      merged.putAll(base);
    }
    merged.putAll(ours);
    return merged;
  }
}
