package io.hypersweep.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.hypersweep.api.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a finished trial: termination message first, even when the pod cache lags. */
class TrialObserverTest {

  private static Job completedJob() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("demo-1")
        .withNamespace("default")
        .withLabels(Map.of("hypersweep.io/sweep", "demo", "hypersweep.io/trial", "1"))
        .endMetadata()
        .withNewStatus()
        .withSucceeded(1)
        .withCompletionTime("2026-12-04T10:00:00Z")
        .addNewCondition()
        .withType("Complete")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod pod(String terminationMessage) {
    PodBuilder b = TrialPods.trialPod("default", "demo", 1, "demo-1-abcde");
    if (terminationMessage == null) {
      return b.withNewStatus().withPhase("Running").endStatus().build();
    }
    return b.withNewStatus()
        .withPhase("Succeeded")
        .addNewContainerStatus()
        .withName("trainer")
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withMessage(terminationMessage)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void aCompletedJobWhoseCachedPodLagsIsReadFromTheFreshPod() {
    TrialObserver observer =
        new TrialObserver(
            (ns, p, c) -> Optional.empty(), job -> Optional.of(pod("score=0.75")), null, null);
    TrialObservation seen =
        observer
            .observe("demo", "score", List.of(completedJob()), List.of(pod(null)), Set.of())
            .get(1);
    assertThat(seen.state()).isEqualTo(TrialState.Succeeded);
    assertThat(seen.metrics()).containsEntry("score", 0.75);
  }

  @Test
  void withoutAFreshPodAndNoMetricsTheTrialFailsWithAReason() {
    TrialObserver observer = new TrialObserver((ns, p, c) -> Optional.of("no metrics here\n"));
    TrialObservation seen =
        observer
            .observe("demo", "score", List.of(completedJob()), List.of(pod(null)), Set.of())
            .get(1);
    assertThat(seen.state()).isEqualTo(TrialState.Failed);
    assertThat(seen.reason()).isEqualTo("MissingObjective");
  }
}
