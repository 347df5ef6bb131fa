package io.hypersweep.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.hypersweep.api.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each way Kubernetes reports a failed trial pod maps to one documented trial reason. */
class TrialFailureReasonTest {

  private static Job failedJob(String reason) {
    return new JobBuilder()
        .withNewMetadata()
        .withName("demo-1")
        .withNamespace("default")
        .withLabels(Map.of("hypersweep.io/sweep", "demo", "hypersweep.io/trial", "1"))
        .endMetadata()
        .withNewStatus()
        .withFailed(1)
        .addNewCondition()
        .withType("Failed")
        .withStatus("True")
        .withReason(reason)
        .withLastTransitionTime("2026-12-04T10:00:00Z")
        .endCondition()
        .endStatus()
        .build();
  }

  private static PodStatusBuilder terminated(int exitCode, String reason) {
    return new PodStatusBuilder()
        .withPhase("Failed")
        .addNewContainerStatus()
        .withName("trainer")
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .endTerminated()
        .endState()
        .endContainerStatus();
  }

  private static Pod pod(PodStatusBuilder status) {
    return TrialPods.trialPod("default", "demo", 1, "demo-1-abcde")
        .withStatus(status.build())
        .build();
  }

  private static TrialObservation observe(Job job, Pod pod) {
    TrialObserver observer = new TrialObserver((ns, p, c) -> Optional.empty());
    List<Pod> pods = pod == null ? List.of() : List.of(pod);
    return observer.observe("demo", "score", List.of(job), pods, Set.of()).get(1);
  }

  @Test
  void nonZeroExitIsAnErrorNamingTheCode() {
    TrialObservation seen = observe(failedJob("BackoffLimitExceeded"), pod(terminated(3, "Error")));
    assertThat(seen.state()).isEqualTo(TrialState.Failed);
    assertThat(seen.reason()).isEqualTo("Error");
    assertThat(seen.message()).contains("code 3");
  }

  @Test
  void oomKilledContainerIsOomKilled() {
    TrialObservation seen =
        observe(failedJob("BackoffLimitExceeded"), pod(terminated(137, "OOMKilled")));
    assertThat(seen.state()).isEqualTo(TrialState.Failed);
    assertThat(seen.reason()).isEqualTo("OOMKilled");
    assertThat(seen.message()).contains("137").contains("OOMKilled");
  }

  @Test
  void evictedPodIsEvictedNotACrash() {
    // The evicted container only shows exit 137 and ContainerStatusUnknown: read as-is, a crash.
    Pod evicted =
        pod(
            terminated(137, "ContainerStatusUnknown")
                .withReason("Evicted")
                .withMessage("The node was low on resource: memory. "));
    TrialObservation seen = observe(failedJob("BackoffLimitExceeded"), evicted);
    assertThat(seen.state()).isEqualTo(TrialState.Failed);
    assertThat(seen.reason()).isEqualTo("Evicted");
    assertThat(seen.message())
        .isEqualTo("the trial's pod was evicted: The node was low on resource: memory.");
  }

  @Test
  void aDisruptionTargetConditionWithoutReasonIsAnEvictionToo() {
    Pod evicted =
        pod(
            terminated(137, "Error")
                .addNewCondition()
                .withType("DisruptionTarget")
                .withStatus("True")
                .withReason("TerminationByKubelet")
                .withMessage("The node was low on resource: ephemeral-storage.")
                .endCondition());
    TrialObservation seen = observe(failedJob("BackoffLimitExceeded"), evicted);
    assertThat(seen.reason()).isEqualTo("Evicted");
    assertThat(seen.message()).contains("TerminationByKubelet").contains("ephemeral-storage");
  }

  @Test
  void aFalseDisruptionConditionIsNoEviction() {
    Pod pod =
        pod(
            terminated(2, "Error")
                .addNewCondition()
                .withType("DisruptionTarget")
                .withStatus("False")
                .endCondition());
    assertThat(observe(failedJob("BackoffLimitExceeded"), pod).reason()).isEqualTo("Error");
  }

  @Test
  void deadlineExceededIsTrialTimeoutWhateverThePodSays() {
    TrialObservation seen =
        observe(failedJob("DeadlineExceeded"), pod(terminated(137, "Error").withReason("Evicted")));
    assertThat(seen.reason()).isEqualTo("TrialTimeout");
  }

  @Test
  void aFailedJobWithoutPodKeepsTheJobControllersReason() {
    assertThat(observe(failedJob("BackoffLimitExceeded"), null).reason())
        .isEqualTo("BackoffLimitExceeded");
  }
}
