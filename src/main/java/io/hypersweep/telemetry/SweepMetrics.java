package io.hypersweep.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hypersweep.api.EarlyTerminationPolicy;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.search.Sampler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's own Prometheus series, fed from every recorded status write ({@link StatusDelta})
 * and every suggestion. Without a registry (plain JOSDK tests, no Quarkus) it does nothing.
 */
public final class SweepMetrics {
  public static final String TRIALS_STARTED = "hypersweep.trials.started";
  public static final String TRIALS_FINISHED = "hypersweep.trials.finished";
  public static final String TRIALS_RUNNING = "hypersweep.trials.running";
  public static final String SWEEPS = "hypersweep.sweeps";
  public static final String SUGGESTION_DURATION = "hypersweep.suggestion.duration";
  public static final String EARLY_TERMINATION_DECISIONS = "hypersweep.early.termination.decisions";
  public static final String TRIAL_SECONDS_SAVED = "hypersweep.trial.seconds.saved";
  public static final String BEST_OBJECTIVE = "hypersweep.best.objective";

  /** Suggestions take microseconds (random) to seconds (a Gaussian process over 1,000 trials). */
  static final Duration[] SUGGESTION_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  private static volatile SweepMetrics shared = new SweepMetrics(null);

  private final MeterRegistry registry;
  // Gauges read this map during a scrape, so it is never locked while meters are removed.
  private final Map<SweepKey, SweepSeries> sweeps = new ConcurrentHashMap<>();
  private final Map<String, Timer> suggestionTimers = new ConcurrentHashMap<>();

  private record SweepKey(String namespace, String name) {}

  private SweepMetrics(MeterRegistry registry) {
    this.registry = registry;
    if (registry != null) {
      for (SweepPhase phase : SweepPhase.values()) {
        Gauge.builder(SWEEPS, this, m -> m.sweepsIn(phase))
            .description("Sweeps the operator watches, by phase")
            .tag("phase", phase.name())
            .strongReference(true)
            .register(registry);
      }
    }
  }

  /** The instance status writes and suggestions report to. */
  public static SweepMetrics shared() {
    return shared;
  }

  /** Reports to {@code registry} from now on; null turns reporting off. */
  static SweepMetrics install(MeterRegistry registry) {
    SweepMetrics metrics = new SweepMetrics(registry);
    shared = metrics;
    return metrics;
  }

  /**
   * Counts what changed between {@code previous} and {@code next}; call only once {@code next} has
   * been written, so a write that failed and is retried counts once.
   */
  public void record(HyperparameterSweep sweep, SweepStatus previous, SweepStatus next) {
    if (registry == null) {
      return;
    }
    StatusDelta delta = StatusDelta.between(previous, next);
    SweepKey key = new SweepKey(sweep.getMetadata().getNamespace(), sweep.getMetadata().getName());
    SweepSeries series = sweeps.computeIfAbsent(key, SweepSeries::new);
    // JOSDK never reconciles one sweep on two threads at once; the lock only orders memory.
    synchronized (series) {
      series.apply(sweep, delta);
    }
  }

  /** Removes every series of a deleted sweep. */
  public void forget(String namespace, String name) {
    SweepSeries series = sweeps.remove(new SweepKey(namespace, name));
    if (series != null) {
      synchronized (series) {
        series.meters().forEach(registry::remove);
      }
    }
  }

  /** The sampler, timing each suggestion into {@code hypersweep_suggestion_duration_seconds}. */
  public Sampler timed(Sampler sampler) {
    if (registry == null) {
      return sampler;
    }
    String algorithm = TimedSampler.algorithm(sampler);
    Timer timer =
        suggestionTimers.computeIfAbsent(
            algorithm,
            a ->
                Timer.builder(SUGGESTION_DURATION)
                    .description("Time to compute one trial's parameters")
                    .tag("algorithm", a)
                    .serviceLevelObjectives(SUGGESTION_BUCKETS)
                    .register(registry));
    return new TimedSampler(sampler, timer);
  }

  private int sweepsIn(SweepPhase phase) {
    return (int) sweeps.values().stream().filter(s -> s.phase == phase).count();
  }

  /** The manifest spelling of a policy, e.g. medianStopping. */
  static String policyName(EarlyTerminationPolicy policy) {
    try {
      return EarlyTerminationPolicy.class
          .getField(policy.name())
          .getAnnotation(JsonProperty.class)
          .value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The series of one sweep, created on its first recorded status. */
  private final class SweepSeries {
    private final Tags tags;
    private final Counter started;
    private final Map<String, Counter> finished = new HashMap<>();
    private final Map<String, Counter> decisions = new HashMap<>();
    private final Counter secondsSaved;
    private final AtomicInteger running = new AtomicInteger();
    private final Gauge runningGauge;
    private volatile double best = Double.NaN;
    private Gauge bestGauge;
    private volatile SweepPhase phase = SweepPhase.Pending;

    SweepSeries(SweepKey key) {
      tags = Tags.of("namespace", key.namespace(), "sweep", key.name());
      started =
          Counter.builder(TRIALS_STARTED)
              .description("Trials the operator started")
              .tags(tags)
              .register(registry);
      for (String outcome : StatusDelta.OUTCOMES) {
        finished.put(outcome, finishedCounter(outcome));
      }
      secondsSaved =
          Counter.builder(TRIAL_SECONDS_SAVED)
              .description("Trial seconds early termination saved (status.trialSecondsSaved)")
              .tags(tags)
              .register(registry);
      runningGauge =
          Gauge.builder(TRIALS_RUNNING, running, AtomicInteger::get)
              .description("Trials whose pod is running")
              .tags(tags)
              .strongReference(true)
              .register(registry);
    }

    private Counter finishedCounter(String outcome) {
      return Counter.builder(TRIALS_FINISHED)
          .description("Trials that reached a final state, by outcome")
          .tags(tags.and("outcome", outcome))
          .register(registry);
    }

    void apply(HyperparameterSweep sweep, StatusDelta delta) {
      started.increment(delta.started());
      delta
          .finished()
          .forEach((o, n) -> finished.computeIfAbsent(o, this::finishedCounter).increment(n));
      String policy = policy(sweep);
      if (policy != null) {
        Counter c =
            decisions.computeIfAbsent(
                policy,
                p ->
                    Counter.builder(EARLY_TERMINATION_DECISIONS)
                        .description("Trials the early-termination policy decided to stop")
                        .tags(tags.and("policy", p))
                        .register(registry));
        c.increment(delta.earlyStopped());
      }
      secondsSaved.increment(delta.secondsSaved());
      running.set(delta.running());
      phase = delta.phase();
      setBest(objectiveMetric(sweep), delta.best().orElse(Double.NaN));
    }

    /** A series exists only while there is a best trial; a changed objective gets a new one. */
    private void setBest(String metric, double value) {
      boolean wanted = !Double.isNaN(value) && metric != null;
      if (bestGauge != null && (!wanted || !metric.equals(bestGauge.getId().getTag("metric")))) {
        registry.remove(bestGauge);
        bestGauge = null;
      }
      best = value;
      if (wanted && bestGauge == null) {
        bestGauge =
            Gauge.builder(BEST_OBJECTIVE, this, s -> s.best)
                .description("The objective value of the sweep's best trial")
                .tags(tags.and("metric", metric))
                .strongReference(true)
                .register(registry);
      }
    }

    List<Meter> meters() {
      List<Meter> all = new ArrayList<>(List.of(started, secondsSaved, runningGauge));
      all.addAll(finished.values());
      all.addAll(decisions.values());
      if (bestGauge != null) {
        all.add(bestGauge);
      }
      return all;
    }
  }

  private static String policy(HyperparameterSweep sweep) {
    var et = sweep.getSpec() == null ? null : sweep.getSpec().earlyTermination;
    return et == null || et.policy == null || et.policy == EarlyTerminationPolicy.NONE
        ? null
        : policyName(et.policy);
  }

  private static String objectiveMetric(HyperparameterSweep sweep) {
    return sweep.getSpec() == null || sweep.getSpec().objective == null
        ? null
        : sweep.getSpec().objective.metric;
  }
}
