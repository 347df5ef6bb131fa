package io.hypersweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.hypersweep.api.Algorithm;
import io.hypersweep.api.EarlyTerminationPolicy;
import io.hypersweep.api.EarlyTerminationSpec;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.ObjectiveSpec;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SamplerFixtures;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchSpace;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unit tests of the Micrometer series recorded from status writes. */
class SweepMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final SweepMetrics metrics = SweepMetrics.install(registry);

  @AfterEach
  void uninstall() {
    OperatorMetrics.uninstall();
  }

  static HyperparameterSweep sweep(String name, String metric, EarlyTerminationPolicy policy) {
    HyperparameterSweep s = new HyperparameterSweep();
    s.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName(name).build());
    s.setSpec(new SweepSpec());
    s.getSpec().objective = new ObjectiveSpec();
    s.getSpec().objective.metric = metric;
    if (policy != null) {
      s.getSpec().earlyTermination = new EarlyTerminationSpec();
      s.getSpec().earlyTermination.policy = policy;
    }
    return s;
  }

  static SweepStatus status(SweepPhase phase, Double best, TrialRecord... trials) {
    SweepStatus s = StatusDeltaTest.status(phase, trials);
    if (best != null) {
      s.bestTrial = StatusDeltaTest.trial(1, TrialState.Succeeded);
      s.bestTrial.objectiveValue = best;
    }
    return s;
  }

  PrometheusText scrape() {
    return PrometheusText.parse(registry.scrape());
  }

  @Test
  void countsTransitionsAndExposesLevels() {
    HyperparameterSweep s = sweep("a", "val_accuracy", EarlyTerminationPolicy.MEDIAN_STOPPING);
    SweepStatus first =
        status(
            SweepPhase.Running,
            null,
            StatusDeltaTest.trial(1, TrialState.Running),
            StatusDeltaTest.trial(2, TrialState.Running));
    SweepStatus second =
        status(
            SweepPhase.Running,
            0.9,
            StatusDeltaTest.trial(1, TrialState.Succeeded),
            StatusDeltaTest.trial(2, TrialState.EarlyStopped),
            StatusDeltaTest.trial(3, TrialState.Running));
    second.trialSecondsSaved = 12L;
    metrics.record(s, new SweepStatus(), first);
    metrics.record(s, first, second);
    metrics.record(s, second, second);

    PrometheusText p = scrape();
    String[] sweep = {"namespace", "team-a", "sweep", "a"};
    assertThat(p.value("hypersweep_trials_started_total", sweep)).contains(3.0);
    assertThat(p.value("hypersweep_trials_finished_total", with(sweep, "outcome", "succeeded")))
        .contains(1.0);
    assertThat(p.value("hypersweep_trials_finished_total", with(sweep, "outcome", "early_stopped")))
        .contains(1.0);
    assertThat(p.value("hypersweep_trials_finished_total", with(sweep, "outcome", "failed")))
        .contains(0.0);
    assertThat(
            p.value(
                "hypersweep_early_termination_decisions_total",
                with(sweep, "policy", "medianStopping")))
        .contains(1.0);
    assertThat(p.value("hypersweep_trial_seconds_saved_total", sweep)).contains(12.0);
    assertThat(p.value("hypersweep_trials_running", sweep)).contains(1.0);
    assertThat(p.value("hypersweep_best_objective", with(sweep, "metric", "val_accuracy")))
        .contains(0.9);
    assertThat(p.value("hypersweep_sweeps", "phase", "Running")).contains(1.0);
    assertThat(p.value("hypersweep_sweeps", "phase", "Succeeded")).contains(0.0);
  }

  @Test
  void aRestartedOperatorCountsNoOldTrialsButShowsCurrentLevels() {
    HyperparameterSweep s = sweep("done", "loss", null);
    SweepStatus persisted =
        status(
            SweepPhase.Succeeded,
            0.25,
            StatusDeltaTest.trial(1, TrialState.Succeeded),
            StatusDeltaTest.trial(2, TrialState.Failed));
    metrics.record(s, persisted, persisted);

    PrometheusText p = scrape();
    assertThat(p.value("hypersweep_trials_started_total", "sweep", "done")).contains(0.0);
    assertThat(p.find("hypersweep_trials_finished_total", "sweep", "done"))
        .allMatch(x -> x.value() == 0.0);
    assertThat(p.value("hypersweep_best_objective", "sweep", "done", "metric", "loss"))
        .contains(0.25);
    assertThat(p.value("hypersweep_sweeps", "phase", "Succeeded")).contains(1.0);
    assertThat(p.find("hypersweep_early_termination_decisions_total")).isEmpty();
  }

  @Test
  void forgettingASweepRemovesEveryOneOfItsSeries() {
    HyperparameterSweep gone = sweep("gone", "loss", EarlyTerminationPolicy.ASHA);
    HyperparameterSweep kept = sweep("kept", "loss", null);
    SweepStatus st =
        status(SweepPhase.Succeeded, 0.5, StatusDeltaTest.trial(1, TrialState.EarlyStopped));
    metrics.record(gone, new SweepStatus(), st);
    metrics.record(kept, new SweepStatus(), st);
    assertThat(scrape().samples()).anyMatch(x -> "gone".equals(x.labels().get("sweep")));

    metrics.forget("team-a", "gone");

    PrometheusText p = scrape();
    assertThat(p.samples()).noneMatch(x -> "gone".equals(x.labels().get("sweep")));
    assertThat(p.value("hypersweep_trials_started_total", "sweep", "kept")).contains(1.0);
    assertThat(p.value("hypersweep_sweeps", "phase", "Succeeded")).contains(1.0);
  }

  @Test
  void aNewObjectiveMetricReplacesTheBestSeries() {
    SweepStatus st = status(SweepPhase.Running, 0.5);
    metrics.record(sweep("s", "loss", null), st, st);
    metrics.record(sweep("s", "val_loss", null), st, st);
    PrometheusText p = scrape();
    assertThat(p.find("hypersweep_best_objective"))
        .singleElement()
        .satisfies(x -> assertThat(x.labels()).containsEntry("metric", "val_loss"));
    metrics.record(sweep("s", "val_loss", null), st, status(SweepPhase.Running, null));
    assertThat(scrape().find("hypersweep_best_objective")).isEmpty();
  }

  @Test
  void suggestionsAreTimedPerAlgorithmAndPassThroughUnchanged() {
    SortedMap<String, String> point = new TreeMap<>(java.util.Map.of("x", "1"));
    Sampler fake =
        new Sampler() {
          @Override
          public Optional<SortedMap<String, String>> suggest(int n, SearchHistory h) {
            return n == 1 ? Optional.of(point) : Optional.empty();
          }

          @Override
          public boolean learnsFromHistory() {
            return true;
          }

          @Override
          public OptionalLong size() {
            return OptionalLong.of(1);
          }
        };
    Sampler timed = metrics.timed(fake);
    assertThat(timed.suggest(1, null)).contains(point);
    assertThat(timed.suggest(2, null)).isEmpty();
    assertThat(timed.learnsFromHistory()).isTrue();
    assertThat(timed.size()).isEqualTo(OptionalLong.of(1));
    String algorithm = TimedSampler.algorithm(fake);
    PrometheusText p = scrape();
    assertThat(p.value("hypersweep_suggestion_duration_seconds_count", "algorithm", algorithm))
        .contains(2.0);
    assertThat(p.find("hypersweep_suggestion_duration_seconds_bucket", "algorithm", algorithm))
        .hasSize(SweepMetrics.SUGGESTION_BUCKETS.length + 1);
  }

  @Test
  void everySamplerIsLabelledWithItsManifestAlgorithm() {
    ParameterSpec x = new ParameterSpec();
    x.randint = List.of(0L, 10L);
    SearchSpace space = SamplerFixtures.space(Map.of("x", x));
    for (Algorithm a : Algorithm.values()) {
      SamplingSpec sampling = new SamplingSpec();
      sampling.algorithm = a;
      Sampler sampler = Samplers.create(sampling, space).sampler();
      assertThat(TimedSampler.algorithm(sampler)).isEqualTo(a.manifestName());
    }
  }

  @Test
  void withoutARegistryNothingIsRecorded() {
    OperatorMetrics.uninstall();
    SweepMetrics off = SweepMetrics.shared();
    off.record(sweep("x", "loss", null), null, status(SweepPhase.Running, 1.0));
    off.forget("team-a", "x");
    assertThat(registry.getMeters())
        .noneMatch(m -> m.getId().getName().startsWith("hypersweep.trials"));
    Sampler sampler = Samplers.create(null, SamplerFixtures.braninSpace()).sampler();
    assertThat(off.timed(sampler)).isSameAs(sampler);
  }

  static String[] with(String[] labels, String key, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = key;
    all[labels.length + 1] = value;
    return all;
  }
}
