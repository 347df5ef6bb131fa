package io.hypersweep.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.metrics.MetricReport;
import io.hypersweep.metrics.PushInbox;
import io.hypersweep.trial.TrialLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests how the observer merges pushed metrics into curves and final values. */
class TrialObserverPushTest {
  private final PushInbox inbox = new PushInbox();
  private final PushedMetrics pushed = new PushedMetrics(inbox);
  private final List<String> logReads = new ArrayList<>();
  private String log = "";
  private final TrialObserver observer =
      new TrialObserver(
          (ns, pod, container) -> {
            logReads.add(pod);
            return Optional.of(log);
          },
          job -> Optional.empty(),
          null,
          null,
          pushed);

  private static Job job(int n, String condition) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName("s-" + n)
            .withNamespace("ns")
            .addToLabels(TrialLabels.SWEEP, "s")
            .addToLabels(TrialLabels.TRIAL, Integer.toString(n))
            .endMetadata()
            .withNewStatus()
            .withStartTime("2026-01-01T00:00:00Z")
            .endStatus();
    if (condition != null) {
      b.editStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .endCondition()
          .withCompletionTime("2026-01-01T00:01:00Z")
          .endStatus();
    }
    return b.build();
  }

  private static Pod pod(int n, String phase, String terminationMessage) {
    PodBuilder b =
        TrialPods.trialPod("ns", "s", n, "s-" + n + "-abc")
            .editMetadata()
            .withCreationTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (terminationMessage != null) {
      b.editStatus()
          .addNewContainerStatus()
          .withName("trainer")
          .withNewState()
          .withNewTerminated()
          .withExitCode(0)
          .withMessage(terminationMessage)
          .endTerminated()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return b.build();
  }

  private void push(int n, Long step, Map<String, Double> values) {
    inbox.offer("ns", "s", n, new MetricReport(step, values, null));
  }

  private TrialObservation observe(Job job, Pod pod) {
    return observer.observe("s", "acc", List.of(job), List.of(pod), Set.of()).get(1);
  }

  @Test
  void runningTrialsCurveHasPushedPointsWithImplicitSteps() {
    push(1, 3L, Map.of("acc", 0.3));
    push(1, null, Map.of("acc", 0.4, "loss", 2.0));
    TrialObservation first = observe(job(1, null), pod(1, "Running", null));
    assertThat(first.state()).isEqualTo(TrialState.Running);
    assertThat(first.curve()).containsExactly(new MetricPoint(3, 0.3), new MetricPoint(4, 0.4));

    // Points already taken stay in the trial's series; new pushes add to it.
    push(1, null, Map.of("acc", 0.5));
    assertThat(observe(job(1, null), pod(1, "Running", null)).curve())
        .containsExactly(new MetricPoint(3, 0.3), new MetricPoint(4, 0.4), new MetricPoint(5, 0.5));
  }

  @Test
  void pushedFinalValuesCountWithoutReadingTheLog() {
    push(1, null, Map.of("acc", 0.7, "loss", 1.5));
    TrialObservation done = observe(job(1, "Complete"), pod(1, "Succeeded", null));
    assertThat(done.state()).isEqualTo(TrialState.Succeeded);
    assertThat(done.metrics()).containsEntry("acc", 0.7).containsEntry("loss", 1.5);
    assertThat(logReads).isEmpty();
    assertThat(inbox.drain("ns", "s", 1)).isEmpty();
  }

  @Test
  void terminationMessageWinsOverPushedValues() {
    push(1, null, Map.of("acc", 0.5, "loss", 1.5));
    TrialObservation done = observe(job(1, "Complete"), pod(1, "Succeeded", "acc=0.9 loss=3"));
    assertThat(done.metrics()).containsEntry("acc", 0.9).containsEntry("loss", 3.0);
  }

  @Test
  void pushedValuesWinOverLoggedOnes() {
    log = "acc=0.1 loss=9 lr=0.01\n";
    push(1, null, Map.of("loss", 1.5));
    TrialObservation done = observe(job(1, "Complete"), pod(1, "Succeeded", null));
    assertThat(logReads).hasSize(1);
    assertThat(done.metrics())
        .containsEntry("acc", 0.1)
        .containsEntry("loss", 1.5)
        .containsEntry("lr", 0.01);
  }

  @Test
  void aTrialWithoutAnyObjectiveStillFails() {
    push(1, null, Map.of("loss", 1.5));
    TrialObservation done = observe(job(1, "Complete"), pod(1, "Succeeded", null));
    assertThat(done.state()).isEqualTo(TrialState.Failed);
    assertThat(done.reason()).isEqualTo("MissingObjective");
    assertThat(done.metrics()).containsEntry("loss", 1.5);
  }
}
