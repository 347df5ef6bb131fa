package io.hypersweep.trial;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Unit tests of rendering a trial's Job from the template. */
class TrialJobFactoryTest {

  private static final SortedMap<String, String> PARAMS =
      new TreeMap<>(Map.of("x", "0.25", "depth", "4"));

  private static PodSpec templatePod(HyperparameterSweep sweep) {
    return sweep.getSpec().trialTemplate.getSpec().getTemplate().getSpec();
  }

  private static Job render(HyperparameterSweep sweep) {
    return TrialJobFactory.render(sweep, TestSweeps.validated(sweep), 3, PARAMS);
  }

  private static Container container(Job job, int i) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(i);
  }

  private static List<String> envNames(Container c) {
    return c.getEnv().stream().map(EnvVar::getName).toList();
  }

  private static String env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .reduce(
            (a, b) -> {
              throw new AssertionError(name + " appears more than once");
            })
        .orElseThrow(() -> new AssertionError("no env var " + name + " in " + envNames(c)));
  }

  @Test
  void pushVariablesAreGivenOnlyWhenKnown() {
    HyperparameterSweep sweep = TestSweeps.valid();
    Container plain = container(render(sweep), 0);
    assertThat(envNames(plain))
        .doesNotContain("HYPERSWEEP_METRICS_URL", "HYPERSWEEP_METRICS_TOKEN");

    Job job =
        TrialJobFactory.render(
            sweep,
            TestSweeps.validated(sweep),
            3,
            PARAMS,
            Map.of("HYPERSWEEP_METRICS_URL", "http://op:8080/x", "HYPERSWEEP_METRICS_TOKEN", "t"));
    Container c = container(job, 0);
    assertThat(env(c, "HYPERSWEEP_METRICS_URL")).isEqualTo("http://op:8080/x");
    assertThat(env(c, "HYPERSWEEP_METRICS_TOKEN")).isEqualTo("t");
  }

  @Test
  void jobIsNamedAndPlacedAfterTheSweepAndTrial() {
    Job job = render(TestSweeps.valid());

    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getMetadata().getName()).isEqualTo("demo-3");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("default");
  }

  @Test
  void jobAndPodTemplateCarryTheTrialLabels() {
    Job job = render(TestSweeps.valid());

    Map<String, String> expected =
        Map.of(
            "hypersweep.io/sweep", "demo",
            "hypersweep.io/trial", "3",
            "app.kubernetes.io/managed-by", "hypersweep");
    assertThat(job.getMetadata().getLabels()).containsAllEntriesOf(expected);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(expected);
  }

  @Test
  void templateLabelsAndAnnotationsAreKeptButOursWin() {
    HyperparameterSweep sweep = TestSweeps.valid();
    ObjectMeta meta = new ObjectMeta();
    meta.setLabels(Map.of("team", "ml", "hypersweep.io/trial", "99"));
    meta.setAnnotations(Map.of("note", "hi"));
    sweep.getSpec().trialTemplate.setMetadata(meta);
    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(Map.of("app", "trainer"));
    sweep.getSpec().trialTemplate.getSpec().getTemplate().setMetadata(podMeta);

    Job job = render(sweep);

    assertThat(job.getMetadata().getLabels())
        .containsEntry("team", "ml")
        .containsEntry("hypersweep.io/trial", "3");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("note", "hi")
        .containsKey("hypersweep.io/parameters");
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "trainer")
        .containsEntry("hypersweep.io/sweep", "demo");
  }

  @Test
  void parametersAnnotationIsJson() {
    Job job = render(TestSweeps.valid());

    String json = job.getMetadata().getAnnotations().get("hypersweep.io/parameters");
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = Serialization.unmarshal(json, Map.class);
    assertThat(parsed).isEqualTo(Map.of("x", "0.25", "depth", "4"));
  }

  @Test
  void sweepIsTheControllingOwner() {
    Job job = render(TestSweeps.valid());

    assertThat(job.getMetadata().getOwnerReferences()).hasSize(1);
    OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
    assertThat(owner.getUid()).isEqualTo("u-1");
    assertThat(owner.getName()).isEqualTo("demo");
    assertThat(owner.getKind()).isEqualTo("HyperparameterSweep");
    assertThat(owner.getApiVersion()).isEqualTo("hypersweep.io/v1alpha1");
  }

  @Test
  void backoffLimitDefaultsToZeroButATemplateValueIsKept() {
    assertThat(render(TestSweeps.valid()).getSpec().getBackoffLimit()).isZero();

    HyperparameterSweep sweep = TestSweeps.valid();
    sweep.getSpec().trialTemplate.getSpec().setBackoffLimit(2);
    assertThat(render(sweep).getSpec().getBackoffLimit()).isEqualTo(2);
  }

  @Test
  void activeDeadlineComesFromTrialTimeout() {
    assertThat(render(TestSweeps.valid()).getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);

    HyperparameterSweep noTimeout =
        TestSweeps.parse(TestSweeps.VALID.replace(", trialTimeout: 10m", ""));
    assertThat(render(noTimeout).getSpec().getActiveDeadlineSeconds()).isNull();

    HyperparameterSweep tiny =
        TestSweeps.parse(TestSweeps.VALID.replace("trialTimeout: 10m", "trialTimeout: 500ms"));
    assertThat(render(tiny).getSpec().getActiveDeadlineSeconds()).isEqualTo(1L);
  }

  @Test
  void restartPolicyDefaultsToNeverButOnFailureIsKept() {
    assertThat(render(TestSweeps.valid()).getSpec().getTemplate().getSpec().getRestartPolicy())
        .isEqualTo("Never");

    HyperparameterSweep sweep = TestSweeps.valid();
    templatePod(sweep).setRestartPolicy("OnFailure");
    assertThat(render(sweep).getSpec().getTemplate().getSpec().getRestartPolicy())
        .isEqualTo("OnFailure");
  }

  @Test
  void referencesAreSubstitutedInCommandArgsAndEnvValues() {
    HyperparameterSweep sweep = TestSweeps.valid();
    Container trainer = templatePod(sweep).getContainers().get(0);
    trainer.setCommand(List.of("sh", "-c", "train --x ${params.x} --out $HOME/${sweep.name}"));
    trainer.setArgs(List.of("--x=${params.x}", "--n=${trial.number}", "--home=${HOME}"));
    trainer.setEnv(
        List.of(
            new EnvVar("DEPTH", "d${params.depth}", null),
            new EnvVar("RUN", "${sweep.name}/${trial.number}", null),
            new EnvVar("PATHY", "${PATH}:$(HOME)", null)));

    Container c = container(render(sweep), 0);

    assertThat(c.getCommand()).containsExactly("sh", "-c", "train --x 0.25 --out $HOME/demo");
    assertThat(c.getArgs()).containsExactly("--x=0.25", "--n=3", "--home=${HOME}");
    assertThat(env(c, "DEPTH")).isEqualTo("d4");
    assertThat(env(c, "RUN")).isEqualTo("demo/3");
    assertThat(env(c, "PATHY")).isEqualTo("${PATH}:$(HOME)");
  }

  @Test
  void trialEnvironmentIsAddedBeforeUserEntries() {
    HyperparameterSweep sweep = TestSweeps.valid();
    templatePod(sweep)
        .getContainers()
        .get(0)
        .setEnv(List.of(new EnvVar("USER_A", "a", null), new EnvVar("USER_B", "b", null)));

    Container c = container(render(sweep), 0);

    assertThat(env(c, "HYPERSWEEP_PARAM_X")).isEqualTo("0.25");
    assertThat(env(c, "HYPERSWEEP_PARAM_DEPTH")).isEqualTo("4");
    assertThat(env(c, "HYPERSWEEP_TRIAL_NUMBER")).isEqualTo("3");
    assertThat(env(c, "HYPERSWEEP_SWEEP_NAME")).isEqualTo("demo");
    assertThat(env(c, "HYPERSWEEP_TERMINATION_MESSAGE_PATH")).isEqualTo("/dev/termination-log");
    @SuppressWarnings("unchecked")
    Map<String, Object> params = Serialization.unmarshal(env(c, "HYPERSWEEP_PARAMS"), Map.class);
    assertThat(params).isEqualTo(Map.of("x", "0.25", "depth", "4"));

    List<String> names = envNames(c);
    assertThat(names).hasSize(8).endsWith("USER_A", "USER_B");
    assertThat(names.subList(0, 6)).allMatch(n -> n.startsWith("HYPERSWEEP_"));
  }

  @Test
  void terminationMessagePathFollowsTheContainer() {
    HyperparameterSweep sweep = TestSweeps.valid();
    templatePod(sweep).getContainers().get(0).setTerminationMessagePath("/tmp/result.json");

    assertThat(env(container(render(sweep), 0), "HYPERSWEEP_TERMINATION_MESSAGE_PATH"))
        .isEqualTo("/tmp/result.json");
  }

  @Test
  void everyContainerAndInitContainerGetsTheTrialEnvironment() {
    HyperparameterSweep sweep = TestSweeps.valid();
    Container sidecar = new Container();
    sidecar.setName("sidecar");
    sidecar.setImage("busybox");
    sidecar.setTerminationMessagePath("/side/log");
    Container init = new Container();
    init.setName("fetch");
    init.setImage("busybox");
    init.setArgs(List.of("fetch", "--depth=${params.depth}"));
    templatePod(sweep).getContainers().add(sidecar);
    templatePod(sweep).setInitContainers(List.of(init));

    Job job = render(sweep);

    Container renderedSidecar = container(job, 1);
    Container renderedInit = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(env(renderedSidecar, "HYPERSWEEP_PARAM_X")).isEqualTo("0.25");
    assertThat(env(renderedSidecar, "HYPERSWEEP_TERMINATION_MESSAGE_PATH")).isEqualTo("/side/log");
    assertThat(env(renderedInit, "HYPERSWEEP_PARAM_DEPTH")).isEqualTo("4");
    assertThat(env(renderedInit, "HYPERSWEEP_TRIAL_NUMBER")).isEqualTo("3");
    assertThat(renderedInit.getArgs()).containsExactly("fetch", "--depth=4");
  }

  @Test
  void renderingDoesNotChangeTheTemplate() {
    HyperparameterSweep sweep = TestSweeps.valid();
    templatePod(sweep)
        .getContainers()
        .get(0)
        .setEnv(List.of(new EnvVar("DEPTH", "${params.depth}", null)));
    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(Map.of("app", "trainer"));
    sweep.getSpec().trialTemplate.getSpec().getTemplate().setMetadata(podMeta);
    ValidatedSweep validated = TestSweeps.validated(sweep);
    JobTemplateSpec before = Serialization.clone(sweep.getSpec().trialTemplate);
    String specBefore = Serialization.asJson(sweep.getSpec());

    Job first = TrialJobFactory.render(sweep, validated, 3, PARAMS);
    Job second = TrialJobFactory.render(sweep, validated, 3, PARAMS);
    Job other =
        TrialJobFactory.render(
            sweep, validated, 4, new TreeMap<>(Map.of("x", "0.5", "depth", "8")));

    assertThat(second).isEqualTo(first);
    assertThat(Serialization.asJson(second)).isEqualTo(Serialization.asJson(first));
    assertThat(sweep.getSpec().trialTemplate).isEqualTo(before);
    assertThat(validated.trialTemplate()).isEqualTo(before);
    assertThat(Serialization.asJson(sweep.getSpec())).isEqualTo(specBefore);
    assertThat(env(container(first, 0), "DEPTH")).isEqualTo("4");
    assertThat(env(container(other, 0), "DEPTH")).isEqualTo("8");
    assertThat(container(other, 0).getArgs()).containsExactly("--x=0.5", "--depth=8");
  }

  @Test
  void envNameUpperCasesTheParameterName() {
    assertThat(TrialJobFactory.envName("learning_rate"))
        .isEqualTo("HYPERSWEEP_PARAM_LEARNING_RATE");
  }
}
