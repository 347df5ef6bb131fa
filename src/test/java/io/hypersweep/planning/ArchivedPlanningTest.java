package io.hypersweep.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.validation.SweepValidator;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A planner fed the archive plus a short status makes exactly the plans of one fed the full status:
 * learning samplers, early stopping, counts, failures, the best trial and numbering see every
 * record, wherever it lives.
 */
class ArchivedPlanningTest {

  static ValidatedSweep sweep(String algorithm, String policy) {
    String yaml =
        TestSweeps.VALID
            .replace("algorithm: random", "algorithm: " + algorithm)
            .replace("maxTrials: 8", "maxTrials: 90")
            .replace("maxFailedTrials: 1", "maxFailedTrials: 30")
            .replace(
                "  limits: {",
                "  earlyTermination: {policy: "
                    + policy
                    + "}\n"
                    + "  metrics: {pollInterval: 3s}\n"
                    + "  limits: {");
    return new SweepValidator().validate(TestSweeps.parse(yaml)).sweep().orElseThrow();
  }

  /** A deterministic score from a trial's parameters, so the sampler's choices matter. */
  static double score(Map<String, String> params) {
    return (params.toString().hashCode() & 0xffff) / 65536.0;
  }

  static List<MetricPoint> curve(long to, double value) {
    return LongStream.rangeClosed(1, to).mapToObj(s -> new MetricPoint(s, value * s / to)).toList();
  }

  /** Drives both clusters through the same trial outcomes and compares every plan. */
  static void runSideBySide(ValidatedSweep sweep) {
    FakeCluster full = new FakeCluster(sweep, new ArchiveLayout(Integer.MAX_VALUE / 2, 0));
    FakeCluster archived = new FakeCluster(sweep, new ArchiveLayout(4, 3));
    Map<Integer, Integer> rounds = new HashMap<>();
    int maxStatus = 0;
    for (int step = 0; step < 400; step++) {
      SweepPlan a = full.reconcile();
      SweepPlan b = archived.reconcile();
      assertThat(b.launches()).isEqualTo(a.launches());
      assertThat(b.jobsToDelete()).isEqualTo(a.jobsToDelete());
      assertThat(b.phase()).isEqualTo(a.phase());
      assertThat(b.reason()).isEqualTo(a.reason());
      assertThat(b.message()).isEqualTo(a.message());
      assertThat(b.best()).isEqualTo(a.best());
      assertThat(b.events()).isEqualTo(a.events());
      assertThat(b.trials()).isEqualTo(a.trials());
      assertThat(archived.status.trialCounts).isEqualTo(full.status.trialCounts);
      assertThat(archived.status.progress).isEqualTo(full.status.progress);
      assertThat(archived.status.bestTrial).isEqualTo(full.status.bestTrial);
      assertThat(archived.status.trialSeconds).isEqualTo(full.status.trialSeconds);
      assertThat(full.archive).isEmpty();
      maxStatus = Math.max(maxStatus, archived.status.trials.size());
      if (a.phase().isFinal()) {
        break;
      }
      full.advance(Duration.ofSeconds(3));
      archived.advance(Duration.ofSeconds(3));
      for (int n : new TreeSet<>(full.unfinishedJobs())) {
        double value = score(full.jobs.get(n).parameters());
        int r = rounds.merge(n, 1, Integer::sum);
        if (n % 7 == 0) {
          full.fail(n);
          archived.fail(n);
        } else if (r < 4) {
          full.report(n, curve(3L * r, value));
          archived.report(n, curve(3L * r, value));
        } else {
          full.succeed(n, value, curve(12, value));
          archived.succeed(n, value, curve(12, value));
        }
      }
    }
    assertThat(full.status.phase).isEqualTo(SweepPhase.Succeeded);
    assertThat(full.status.trials).hasSize(90);
    // Every record exists once across the short status and the chunks.
    List<Integer> everywhere = new java.util.ArrayList<>();
    archived.status.trials.forEach(t -> everywhere.add(t.number));
    archived.archive.values().forEach(c -> c.forEach(t -> everywhere.add(t.number)));
    assertThat(everywhere).hasSize(90).doesNotHaveDuplicates();
    assertThat(archived.archive).hasSizeGreaterThan(15);
    assertThat(archived.status.archivedTrials).isEqualTo(90 - archived.status.trials.size());
    // keep 3 + a chunk of 4 not yet full + twice the 3 concurrent trials
    assertThat(maxStatus).isLessThanOrEqualTo(3 + 3 + 2 * 3);
    for (List<TrialRecord> chunk : archived.archive.values()) {
      for (TrialRecord r : chunk) {
        assertThat(r).isEqualTo(full.status.trials.get(r.number - 1));
      }
    }
  }

  @Test
  void tpeWithMedianStoppingPlansTheSameWithAnArchive() {
    runSideBySide(sweep("tpe", "medianStopping"));
  }

  @Test
  void bayesianWithAshaPlansTheSameWithAnArchive() {
    runSideBySide(sweep("bayesian", "asha"));
  }

  @Test
  void randomWithTruncationSelectionPlansTheSameWithAnArchive() {
    runSideBySide(sweep("random", "truncationSelection"));
  }
}
