package io.hypersweep.validation;

import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.hypersweep.api.Algorithm;
import io.hypersweep.api.Goal;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.termination.TerminationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A sweep spec that passed validation, with defaults applied and values parsed, so decision code
 * never re-checks input.
 */
public record ValidatedSweep(
    String metric,
    Goal goal,
    Optional<Double> target,
    List<String> additionalMetrics,
    SearchSpace space,
    Algorithm algorithm,
    long seed,
    Sampler sampler,
    List<String> warmStartFrom,
    int maxTrials,
    int maxConcurrentTrials,
    int maxFailedTrials,
    Optional<Duration> timeout,
    Optional<Duration> trialTimeout,
    JobTemplateSpec trialTemplate,
    Optional<TerminationSettings> termination,
    Duration pollInterval,
    Duration pendingTimeout) {

  public static final int DEFAULT_MAX_TRIALS = 10;
  public static final int DEFAULT_MAX_CONCURRENT_TRIALS = 1;
  public static final int DEFAULT_MAX_FAILED_TRIALS = 3;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(15);
}
