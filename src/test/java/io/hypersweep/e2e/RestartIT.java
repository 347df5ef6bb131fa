package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Restarts, reproducibility, deletion and events. */
class RestartIT {

  private static FakeTrainer scoreIsX(long millis) {
    return SweepLifecycleIT.scoreIsX(millis);
  }

  @Test
  void restartMidSweepDuplicatesNothingAndLosesNothing() throws Exception {
    FakeTrainer trainer = scoreIsX(300);
    Map<Integer, Map<String, String>> reference;
    try (SweepHarness h = new SweepHarness(scoreIsX(0))) {
      h.apply(SweepLifecycleIT.manifest("restart", ""));
      reference = params(h.awaitPhase("restart", SweepPhase.Succeeded));
    }
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(SweepLifecycleIT.manifest("restart", ""));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.get("restart").getStatus() != null
                      && h.get("restart").getStatus().trials.stream()
                              .filter(t -> t.state == TrialState.Succeeded)
                              .count()
                          >= 2);
      h.stopOperator();
      // Trials keep running and finishing while no operator watches.
      Thread.sleep(700);
      h.startOperator();
      HyperparameterSweep done = h.awaitPhase("restart", SweepPhase.Succeeded);
      assertThat(done.getStatus().trials).hasSize(8).allMatch(t -> t.state == TrialState.Succeeded);
      assertThat(h.jobs("restart")).hasSize(8);
      assertThat(trainer.environments()).hasSize(8);
      assertThat(params(done)).isEqualTo(reference);
    }
  }

  @Test
  void sameSeedGivesSameParametersAndOtherSeedsDiffer() throws Exception {
    try (SweepHarness h = new SweepHarness(scoreIsX(0))) {
      h.apply(SweepLifecycleIT.manifest("seed-a", ""));
      h.apply(SweepLifecycleIT.manifest("seed-b", ""));
      h.apply(SweepLifecycleIT.manifest("seed-c", "").replace("seed: 11", "seed: 12"));
      Map<Integer, Map<String, String>> a = params(h.awaitPhase("seed-a", SweepPhase.Succeeded));
      Map<Integer, Map<String, String>> b = params(h.awaitPhase("seed-b", SweepPhase.Succeeded));
      Map<Integer, Map<String, String>> c = params(h.awaitPhase("seed-c", SweepPhase.Succeeded));
      assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
  }

  @Test
  void deletingTheSweepRemovesItsJobsAndEventsAreRecorded() throws Exception {
    try (SweepHarness h = new SweepHarness(scoreIsX(0))) {
      HyperparameterSweep sweep = h.apply(SweepLifecycleIT.manifest("doomed", ""));
      h.awaitPhase("doomed", SweepPhase.Succeeded);
      List<Event> events =
          h.client().v1().events().inNamespace(SweepHarness.NS).list().getItems().stream()
              .filter(e -> "doomed".equals(e.getInvolvedObject().getName()))
              .toList();
      assertThat(events.stream().map(Event::getReason).collect(Collectors.toSet()))
          .contains("TrialCreated", "TrialSucceeded", "NewBestTrial", "MaxTrialsReached");
      assertThat(h.jobs("doomed"))
          .hasSize(8)
          .allSatisfy(
              j ->
                  assertThat(j.getMetadata().getOwnerReferences())
                      .anyMatch(o -> o.getUid().equals(sweep.getMetadata().getUid())));
      h.client().resource(sweep).delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> h.jobs("doomed").isEmpty());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.client()
                      .pods()
                      .inNamespace(SweepHarness.NS)
                      .withLabel("hypersweep.io/sweep", "doomed")
                      .list()
                      .getItems()
                      .isEmpty());
    }
  }

  static Map<Integer, Map<String, String>> params(HyperparameterSweep sweep) {
    return sweep.getStatus().trials.stream()
        .collect(Collectors.toMap(t -> t.number, (TrialRecord t) -> t.parameters));
  }
}
