package io.hypersweep.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.observe.LogFollower;
import io.hypersweep.planning.SweepObservation;
import io.hypersweep.planning.SweepPlan;
import io.hypersweep.planning.SweepPlanner;
import io.hypersweep.status.SweepStatusBuilder;
import io.hypersweep.validation.FieldError;
import io.hypersweep.validation.FrozenSpec;
import io.hypersweep.validation.SweepValidator;
import io.hypersweep.validation.ValidatedSweep;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Coordinates one sweep: observe its trials, validate the spec, plan, create or delete Jobs, and
 * record the status, archiving finished trial records into ConfigMaps. Decisions live in {@link
 * SweepPlanner}; API calls in {@link TrialCluster}.
 */
@ControllerConfiguration(
    name = HyperparameterSweepReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class HyperparameterSweepReconciler implements Reconciler<HyperparameterSweep> {
  public static final String NAME = "hyperparametersweepreconciler";

  private final SweepValidator validator = new SweepValidator();
  private final SweepPlanner planner = new SweepPlanner();
  private final LogFollower logs = new LogFollower();
  private final Clock clock;
  private final SimpleInboundEventSource<HyperparameterSweep> suggestionsReady =
      new SimpleInboundEventSource<>("suggestions-ready");
  private final AsyncSuggestions suggestions =
      new AsyncSuggestions(suggestionsReady::propagateEvent);

  public HyperparameterSweepReconciler() {
    this(Clock.systemUTC());
  }

  public HyperparameterSweepReconciler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, HyperparameterSweep>> prepareEventSources(
      EventSourceContext<HyperparameterSweep> context) {
    SweepCatalog.shared().attach(context.getPrimaryCache());
    return List.of(
        TrialInformers.of(Job.class, context),
        TrialInformers.of(Pod.class, context),
        TrialInformers.of(ConfigMap.class, context),
        suggestionsReady);
  }

  @Override
  public UpdateControl<HyperparameterSweep> reconcile(
      HyperparameterSweep sweep, Context<HyperparameterSweep> context) {
    SweepStatus previous = sweep.getStatus() == null ? new SweepStatus() : sweep.getStatus();
    long generation = generation(sweep);
    Instant now = clock.instant();
    String nowText = SweepPlanner.timestamp(now);

    SweepValidator.Result validation = validator.validate(sweep);
    List<FieldError> errors =
        validation.isValid() ? FrozenSpec.changes(sweep.getSpec(), previous) : validation.errors();
    if (!errors.isEmpty()) {
      return StatusWriter.record(
          sweep,
          context,
          previous,
          SweepStatusBuilder.invalid(previous, errors, generation, nowText),
          null);
    }
    ValidatedSweep validated = validation.sweep().orElseThrow();
    var warmStart =
        WarmStartLoader.load(
            context.getClient(), sweep.getMetadata().getNamespace(), validated, previous);
    if (!warmStart.errors().isEmpty()) {
      return StatusWriter.record(
          sweep,
          context,
          previous,
          SweepStatusBuilder.invalid(previous, warmStart.errors(), generation, nowText),
          Duration.ofMinutes(1));
    }
    TrialArchive archive = new TrialArchive(context.getClient(), sweep);
    var archived = archive.read(context.getSecondaryResources(ConfigMap.class), previous);
    if (!archived.problems().isEmpty()) {
      var held =
          SweepStatusBuilder.archiveBroken(previous, archived.problems(), generation, nowText);
      return StatusWriter.record(sweep, context, previous, held, Duration.ofMinutes(1));
    }
    TrialCluster cluster = new TrialCluster(context.getClient(), sweep, validated, logs);
    SweepObservation observed =
        cluster.observe(
            previous,
            generation,
            context.getSecondaryResources(Job.class),
            context.getSecondaryResources(Pod.class),
            warmStart.priors(),
            now,
            archived);

    SweepPlan plan =
        planner.plan(
            sweep.getMetadata().getName(),
            validated,
            observed,
            suggestions.forSweep(ResourceID.fromResource(sweep), generation, validated.sampler()));

    plan = plan.withRejectedLaunches(cluster.createJobs(plan.launches()), nowText);
    // Archived before recorded: a restart in between finds the records in both places.
    plan = plan.withArchive(archive.write(plan.archive(), plan.trials()));
    cluster.publish(plan.events());

    SweepStatus next =
        SweepStatusBuilder.fromPlan(
            previous, plan, generation, validated.maxTrials(), nowText, sweep.getSpec());
    cluster.track(next);
    var control =
        StatusWriter.record(sweep, context, previous, next, plan.requeueAfter().orElse(null));
    // Recorded before deleted: a restart in between deletes the Job again (SweepPlanner.leftovers)
    // instead of finding an unfinished trial without its Job.
    cluster.deleteJobs(plan.jobsToDelete());
    return control;
  }

  private static long generation(HyperparameterSweep sweep) {
    Long g = sweep.getMetadata().getGeneration();
    return g == null ? 0L : g;
  }
}
