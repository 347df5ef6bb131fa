package io.hypersweep.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.hypersweep.api.Algorithm;
import io.hypersweep.api.Goal;
import io.hypersweep.api.HyperparameterSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of spec validation: defaults and one field-naming error per problem. */
class SweepValidatorTest {
  private static final String POD = "spec.trialTemplate.spec.template.spec";

  private final SweepValidator validator = new SweepValidator();

  private static String edit(String from, String to) {
    if (!TestSweeps.VALID.contains(from)) {
      throw new IllegalArgumentException("the manifest has no '" + from + "'");
    }
    return TestSweeps.VALID.replace(from, to);
  }

  private static String withoutLine(String startingWith) {
    return edit("  " + startingWith, "  #" + startingWith);
  }

  private SweepValidator.Result validate(String yaml) {
    return validator.validate(TestSweeps.parse(yaml));
  }

  private static List<String> fields(SweepValidator.Result result) {
    return result.errors().stream().map(FieldError::field).toList();
  }

  private static PodSpec pod(HyperparameterSweep sweep) {
    return sweep.getSpec().trialTemplate.getSpec().getTemplate().getSpec();
  }

  private static Container trainer(HyperparameterSweep sweep) {
    return pod(sweep).getContainers().get(0);
  }

  @Test
  void validManifestIsValidatedAsWritten() {
    SweepValidator.Result result = validate(TestSweeps.VALID);

    assertThat(result.errors()).isEmpty();
    assertThat(result.isValid()).isTrue();
    ValidatedSweep v = result.sweep().orElseThrow();
    assertThat(v.metric()).isEqualTo("score");
    assertThat(v.goal()).isEqualTo(Goal.MAXIMIZE);
    assertThat(v.target()).isEmpty();
    assertThat(v.space().names()).containsExactly("depth", "x");
    assertThat(v.algorithm()).isEqualTo(Algorithm.RANDOM);
    assertThat(v.seed()).isEqualTo(11L);
    assertThat(v.maxTrials()).isEqualTo(8);
    assertThat(v.maxConcurrentTrials()).isEqualTo(3);
    assertThat(v.maxFailedTrials()).isEqualTo(1);
    assertThat(v.timeout()).contains(Duration.ofHours(1));
    assertThat(v.trialTimeout()).contains(Duration.ofMinutes(10));
    assertThat(v.sampler()).isNotNull();
    assertThat(v.trialTemplate()).isNotNull();
  }

  @Test
  void defaultsAreAppliedWhenLimitsAndSamplingAreOmitted() {
    String yaml = withoutLine("sampling:").replace("  limits:", "  #limits:");

    SweepValidator.Result result = validate(yaml);

    assertThat(result.errors()).isEmpty();
    ValidatedSweep v = result.sweep().orElseThrow();
    assertThat(v.maxTrials()).isEqualTo(10);
    assertThat(v.maxConcurrentTrials()).isEqualTo(1);
    assertThat(v.maxFailedTrials()).isEqualTo(3);
    assertThat(v.pendingTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(v.algorithm()).isEqualTo(Algorithm.RANDOM);
    assertThat(v.seed()).isZero();
    assertThat(v.timeout()).isEmpty();
    assertThat(v.trialTimeout()).isEmpty();
  }

  @Test
  void defaultsApplyToEachOmittedFieldOfLimitsAndSampling() {
    String yaml =
        edit("sampling: {algorithm: random, seed: 11}", "sampling: {}")
            .replace(
                "limits: {maxTrials: 8, maxConcurrentTrials: 3, maxFailedTrials: 1, timeout: 1h,"
                    + " trialTimeout: 10m, pendingTimeout: 24h}",
                "limits: {maxTrials: 5}");

    ValidatedSweep v = validate(yaml).sweep().orElseThrow();

    assertThat(v.maxTrials()).isEqualTo(5);
    assertThat(v.maxConcurrentTrials()).isEqualTo(1);
    assertThat(v.maxFailedTrials()).isEqualTo(3);
    assertThat(v.pendingTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(v.algorithm()).isEqualTo(Algorithm.RANDOM);
    assertThat(v.seed()).isZero();
  }

  @Test
  void missingObjectiveNamesSpecObjective() {
    SweepValidator.Result result = validate(withoutLine("objective:"));

    assertThat(result.isValid()).isFalse();
    assertThat(result.sweep()).isEmpty();
    assertThat(fields(result)).containsExactly("spec.objective");
  }

  @Test
  void badMetricNameNamesTheMetricField() {
    for (String bad : List.of("\"val accuracy\"", "\"1st\"", "\"loss!\"", "\"\"")) {
      SweepValidator.Result result = validate(edit("metric: score", "metric: " + bad));

      assertThat(fields(result)).as(bad).containsExactly("spec.objective.metric");
    }
  }

  @Test
  void missingMetricNamesTheMetricField() {
    SweepValidator.Result result =
        validate(edit("{metric: score, goal: maximize}", "{goal: maximize}"));

    assertThat(fields(result)).containsExactly("spec.objective.metric");
  }

  @Test
  void missingGoalNamesTheGoalField() {
    SweepValidator.Result result =
        validate(edit("{metric: score, goal: maximize}", "{metric: score}"));

    assertThat(fields(result)).containsExactly("spec.objective.goal");
  }

  @Test
  void emptyParametersAreRejected() {
    String yaml =
        edit(
            "  parameters:\n    x: {uniform: [0.0, 1.0]}\n    depth: {choice: [2, 4, 8]}\n",
            "  parameters: {}\n");
    SweepValidator.Result result =
        validate(yaml.replace("\"--x=${params.x}\", \"--depth=${params.depth}\"", "\"--fixed\""));

    assertThat(fields(result)).containsExactly("spec.parameters");
  }

  @Test
  void missingParametersAreRejected() {
    String yaml =
        edit("  parameters:\n    x: {uniform: [0.0, 1.0]}\n    depth: {choice: [2, 4, 8]}\n", "")
            .replace("\"--x=${params.x}\", \"--depth=${params.depth}\"", "\"--fixed\"");

    SweepValidator.Result result = validate(yaml);

    assertThat(fields(result)).containsExactly("spec.parameters");
  }

  @Test
  void invertedUniformRangeNamesTheParameter() {
    SweepValidator.Result result = validate(edit("{uniform: [0.0, 1.0]}", "{uniform: [1.0, 0.0]}"));

    assertThat(result.isValid()).isFalse();
    assertThat(fields(result)).containsExactly("spec.parameters.x.uniform");
    assertThat(result.errors().get(0).message()).contains("min must be less than max");
  }

  @Test
  void gridOverAContinuousRangeNamesTheAlgorithm() {
    SweepValidator.Result result = validate(edit("algorithm: random", "algorithm: grid"));

    assertThat(fields(result)).containsExactly("spec.sampling.algorithm");
    assertThat(result.errors().get(0).message()).contains("spec.parameters.x");
  }

  @Test
  void gridOverFiniteValuesIsValid() {
    String yaml =
        edit("{uniform: [0.0, 1.0]}", "{quniform: [0.0, 1.0, 0.25]}")
            .replace("algorithm: random", "algorithm: grid");

    SweepValidator.Result result = validate(yaml);

    assertThat(result.errors()).isEmpty();
    assertThat(result.sweep().orElseThrow().algorithm()).isEqualTo(Algorithm.GRID);
  }

  @Test
  void unparseableTimeoutNamesTheTimeout() {
    SweepValidator.Result result = validate(edit("timeout: 1h", "timeout: 2 hours"));

    assertThat(fields(result)).containsExactly("spec.limits.timeout");
    assertThat(result.errors().get(0).message()).contains("'2 hours'");
  }

  @Test
  void unparseableTrialTimeoutNamesTheTrialTimeout() {
    SweepValidator.Result result = validate(edit("trialTimeout: 10m", "trialTimeout: 2 hours"));

    assertThat(fields(result)).containsExactly("spec.limits.trialTimeout");
  }

  @Test
  void nonPositiveLimitsAreRejected() {
    SweepValidator.Result result =
        validate(
            edit(
                "maxTrials: 8, maxConcurrentTrials: 3, maxFailedTrials: 1",
                "maxTrials: 0, maxConcurrentTrials: 0, maxFailedTrials: -1"));

    assertThat(fields(result))
        .containsExactlyInAnyOrder(
            "spec.limits.maxTrials",
            "spec.limits.maxConcurrentTrials",
            "spec.limits.maxFailedTrials");
  }

  @Test
  void templateWithoutContainersNamesTheContainers() {
    HyperparameterSweep sweep = TestSweeps.valid();
    pod(sweep).setContainers(new ArrayList<>());

    SweepValidator.Result result = validator.validate(sweep);

    assertThat(fields(result)).containsExactly(POD + ".containers");
  }

  @Test
  void templateWithoutPodSpecNamesThePodSpec() {
    HyperparameterSweep sweep = TestSweeps.valid();
    sweep.getSpec().trialTemplate.getSpec().getTemplate().setSpec(null);

    assertThat(fields(validator.validate(sweep))).containsExactly(POD);
  }

  @Test
  void missingTemplateNamesTheTemplateSpec() {
    HyperparameterSweep sweep = TestSweeps.valid();
    sweep.getSpec().trialTemplate = null;

    assertThat(fields(validator.validate(sweep))).containsExactly("spec.trialTemplate.spec");
  }

  @Test
  void templateInAnotherNamespaceIsRejected() {
    HyperparameterSweep sweep = TestSweeps.valid();
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace("other");
    sweep.getSpec().trialTemplate.setMetadata(meta);

    SweepValidator.Result result = validator.validate(sweep);

    assertThat(fields(result)).containsExactly("spec.trialTemplate.metadata.namespace");
    assertThat(result.errors().get(0).message()).contains("'default'");
  }

  @Test
  void templateInTheSweepsOwnNamespaceIsAccepted() {
    HyperparameterSweep sweep = TestSweeps.valid();
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace("default");
    sweep.getSpec().trialTemplate.setMetadata(meta);

    assertThat(validator.validate(sweep).errors()).isEmpty();
  }

  @Test
  void restartPolicyAlwaysIsRejected() {
    HyperparameterSweep sweep = TestSweeps.valid();
    pod(sweep).setRestartPolicy("Always");

    assertThat(fields(validator.validate(sweep))).containsExactly(POD + ".restartPolicy");
  }

  @Test
  void restartPoliciesNeverAndOnFailureAreAccepted() {
    for (String policy : List.of("Never", "OnFailure")) {
      HyperparameterSweep sweep = TestSweeps.valid();
      pod(sweep).setRestartPolicy(policy);

      assertThat(validator.validate(sweep).errors()).as(policy).isEmpty();
    }
  }

  @Test
  void argsReferringToAnUnknownParameterNameTheArgument() {
    SweepValidator.Result result = validate(edit("--x=${params.x}", "--x=${params.nope}"));

    assertThat(fields(result)).containsExactly(POD + ".containers[0].args[0]");
    assertThat(result.errors().get(0).message()).contains("${params.nope}").contains("'nope'");
  }

  @Test
  void commandReferringToAnUnknownParameterNamesTheCommandEntry() {
    HyperparameterSweep sweep = TestSweeps.valid();
    trainer(sweep).setCommand(List.of("python", "train.py", "--lr=${params.lr}"));

    assertThat(fields(validator.validate(sweep)))
        .containsExactly(POD + ".containers[0].command[2]");
  }

  @Test
  void envValueReferringToAnUnknownParameterNamesTheEnvValue() {
    HyperparameterSweep sweep = TestSweeps.valid();
    trainer(sweep)
        .setEnv(
            List.of(
                new EnvVar("OK", "${params.x}", null), new EnvVar("LR", "lr=${params.lr}", null)));

    assertThat(fields(validator.validate(sweep)))
        .containsExactly(POD + ".containers[0].env[1].value");
  }

  @Test
  void initContainerReferencesAreCheckedToo() {
    HyperparameterSweep sweep = TestSweeps.valid();
    Container init = new Container();
    init.setName("fetch");
    init.setArgs(List.of("${params.depth}", "${params.missing}"));
    pod(sweep).setInitContainers(List.of(init));

    assertThat(fields(validator.validate(sweep)))
        .containsExactly(POD + ".initContainers[0].args[1]");
  }

  @Test
  void otherPlaceholdersAreNotParameterReferences() {
    HyperparameterSweep sweep = TestSweeps.valid();
    trainer(sweep)
        .setArgs(List.of("--home=${HOME}", "--trial=${trial.number}", "--sweep=${sweep.name}"));

    assertThat(validator.validate(sweep).errors()).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        edit("{metric: score, goal: maximize}", "{metric: score}")
            .replace("timeout: 1h", "timeout: 2 hours")
            .replace("--x=${params.x}", "--x=${params.nope}");
    HyperparameterSweep sweep = TestSweeps.parse(yaml);
    pod(sweep).setRestartPolicy("Always");

    SweepValidator.Result result = validator.validate(sweep);

    assertThat(result.sweep()).isEmpty();
    assertThat(fields(result))
        .containsExactlyInAnyOrder(
            "spec.objective.goal",
            "spec.limits.timeout",
            POD + ".restartPolicy",
            POD + ".containers[0].args[0]");
  }

  @Test
  void missingSpecIsOneError() {
    HyperparameterSweep sweep = TestSweeps.valid();
    sweep.setSpec(null);

    SweepValidator.Result result = validator.validate(sweep);

    assertThat(fields(result)).containsExactly("spec");
    assertThat(result.sweep()).isEqualTo(Optional.empty());
  }
}
