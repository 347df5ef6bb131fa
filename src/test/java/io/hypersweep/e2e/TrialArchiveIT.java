package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.trial.TrialLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sweep of hundreds of trials with early stopping: finished records move into ConfigMaps, every
 * record exists exactly once across the status and the archive, the status stays small, and an
 * operator restart in the middle loses and duplicates nothing.
 */
class TrialArchiveIT {
  static final int TRIALS = 300;
  static final int CHUNK = 10;
  static final int KEEP = 10;
  static final int CONCURRENCY = 8;

  @BeforeAll
  static void smallChunks() {
    System.setProperty("hypersweep.archive.chunkSize", String.valueOf(CHUNK));
    System.setProperty("hypersweep.archive.keep", String.valueOf(KEEP));
  }

  @AfterAll
  static void defaultChunks() {
    System.clearProperty("hypersweep.archive.chunkSize");
    System.clearProperty("hypersweep.archive.keep");
  }

  /** score rises along the curve in proportion to x, so median stopping stops low x. */
  static FakeTrainer curves() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          List<String> lines = new ArrayList<>();
          for (int s = 1; s <= 8; s++) {
            lines.add(String.format(Locale.ROOT, "step=%d score=%.6f", s, x * s / 8));
          }
          return FakeTrainer.Outcome.printing(
              lines, 15, String.format(Locale.ROOT, "score=%.6f", x));
        });
  }

  static List<TrialRecord> records(ConfigMap cm) throws Exception {
    return Serialization.jsonMapper()
        .readValue(cm.getData().get("trials.json"), new TypeReference<List<TrialRecord>>() {});
  }

  List<ConfigMap> chunks(SweepHarness h) {
    return h.client()
        .configMaps()
        .inNamespace(SweepHarness.NS)
        .withLabel(TrialLabels.SWEEP, "big")
        .list()
        .getItems();
  }

  @Test
  void hundredsOfTrialsAreArchivedOnceEachAcrossARestart() throws Exception {
    FakeTrainer trainer = curves();
    try (SweepHarness h = new SweepHarness(trainer)) {
      HyperparameterSweep sweep =
          h.apply(
              Manifests.sweep(
                  "big",
                  "{metric: score, goal: maximize}",
                  "{x: {uniform: [0.0, 1.0]}}",
                  "{algorithm: random, seed: 11}",
                  "{maxTrials: %d, maxConcurrentTrials: %d, maxFailedTrials: 0}"
                      .formatted(TRIALS, CONCURRENCY),
                  "earlyTermination: {policy: medianStopping, evaluationInterval: 2,"
                      + " delayEvaluation: 4}\n  metrics: {pollInterval: 200ms}"));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                SweepStatus s = h.get("big").getStatus();
                return s != null && s.archivedTrials != null && s.archivedTrials >= 60;
              });
      h.stopOperator();
      Thread.sleep(700);
      h.startOperator();
      h.awaitPhase("big", SweepPhase.Succeeded, Duration.ofSeconds(90));
      // Records that finished last are archived by the reconciles after the final phase: the
      // archive is settled once fewer finished records remain than the kept ones plus a chunk.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.get("big").getStatus().trials.stream().filter(t -> t.state.isFinished()).count()
                      < KEEP + CHUNK);
      SweepStatus done = h.get("big").getStatus();

      List<Integer> everywhere = new ArrayList<>();
      done.trials.forEach(t -> everywhere.add(t.number));
      List<ConfigMap> chunks = chunks(h);
      int archived = 0;
      for (ConfigMap cm : chunks) {
        List<TrialRecord> recs = records(cm);
        assertThat(recs).hasSize(CHUNK).allMatch(r -> r.state.isFinished());
        recs.forEach(r -> everywhere.add(r.number));
        archived += recs.size();
        assertThat(cm.getImmutable()).isTrue();
        assertThat(cm.getMetadata().getOwnerReferences())
            .anyMatch(o -> o.getUid().equals(sweep.getMetadata().getUid()));
      }
      assertThat(everywhere)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, TRIALS).boxed().toList());
      assertThat(done.archivedTrials).isEqualTo(archived).isGreaterThanOrEqualTo(TRIALS - 40);
      assertThat(done.archive)
          .extracting(c -> c.configMap)
          .containsExactlyInAnyOrderElementsOf(
              chunks.stream().map(c -> c.getMetadata().getName()).toList());
      assertThat(done.trials.size()).isLessThanOrEqualTo(KEEP + CHUNK - 1 + 2 * CONCURRENCY);
      int statusBytes = Serialization.asJson(done).length();
      assertThat(statusBytes).isLessThan(64 * 1024);
      assertThat(
              done.trialCounts.succeeded
                  + done.trialCounts.earlyStopped
                  + done.trialCounts.failed
                  + done.trialCounts.stopped)
          .isEqualTo(TRIALS);
      assertThat(done.trialCounts.earlyStopped).isPositive();
      assertThat(done.progress).isEqualTo(TRIALS + "/" + TRIALS);
      // Each trial ran once: no trial was re-run or renumbered across the restart.
      java.util.Set<Integer> ran = new java.util.TreeSet<>();
      trainer
          .environments()
          .forEach(e -> ran.add(Integer.parseInt(e.get("HYPERSWEEP_TRIAL_NUMBER"))));
      assertThat(ran).containsExactlyElementsOf(IntStream.rangeClosed(1, TRIALS).boxed().toList());
      assertThat(trainer.environments()).hasSize(TRIALS);
      // Early-stopped trials' Jobs are deleted, right after the status records the stop (so the
      // last one may still be going when the final status is seen); all others are kept.
      int earlyStopped = done.trialCounts.earlyStopped;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(h.jobs("big")).hasSize(TRIALS - earlyStopped));

      // A chunk deleted by hand: the sweep says so instead of re-running or renumbering trials.
      ConfigMap lost = chunks.get(0);
      h.client().resource(lost).delete();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  h.get("big").getStatus().conditions.stream()
                      .anyMatch(c -> "ArchiveBroken".equals(c.getReason())));
      SweepStatus broken = h.get("big").getStatus();
      assertThat(broken.message).contains(lost.getMetadata().getName(), "missing");
      assertThat(broken.trialCounts).isEqualTo(done.trialCounts);
      assertThat(broken.archive).isEqualTo(done.archive);
      assertThat(trainer.environments()).hasSize(TRIALS);

      // Deleting the sweep deletes its archive (garbage collection by owner reference).
      h.client().resource(h.get("big")).delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> chunks(h).isEmpty());
    }
  }
}
