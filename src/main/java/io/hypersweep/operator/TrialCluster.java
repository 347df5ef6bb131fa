package io.hypersweep.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.dashboard.SweepEventLog;
import io.hypersweep.observe.LogFollower;
import io.hypersweep.observe.TrialObservation;
import io.hypersweep.observe.TrialObserver;
import io.hypersweep.planning.ArchivedTrials;
import io.hypersweep.planning.SweepEvent;
import io.hypersweep.planning.SweepObservation;
import io.hypersweep.planning.TrialLaunch;
import io.hypersweep.trial.TrialJobFactory;
import io.hypersweep.validation.ValidatedSweep;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The API calls of one reconcile of one sweep: reads logs, creates and deletes Jobs, events. */
final class TrialCluster {
  private static final Logger LOG = Logger.getLogger(TrialCluster.class.getName());

  /** Enough lines to find the last report of each metric, never the whole log of a long run. */
  static final int LOG_TAIL_LINES = 5_000;

  private final KubernetesClient client;
  private final HyperparameterSweep sweep;
  private final ValidatedSweep validated;
  private final String namespace;
  private final LogFollower follower;
  private final MetricsPush push = MetricsPush.shared();

  TrialCluster(
      KubernetesClient client,
      HyperparameterSweep sweep,
      ValidatedSweep validated,
      LogFollower follower) {
    this.client = client;
    this.follower = validated.termination().isPresent() ? follower : null;
    this.sweep = sweep;
    this.validated = validated;
    this.namespace = sweep.getMetadata().getNamespace();
  }

  SweepObservation observe(
      SweepStatus previous,
      long generation,
      Collection<Job> jobs,
      Collection<Pod> pods,
      List<PriorTrial> priors,
      Instant now,
      ArchivedTrials archive) {
    Set<Integer> finished =
        previous.trials.stream()
            .filter(t -> t.state.isFinished())
            .map(t -> t.number)
            .collect(Collectors.toSet());
    finished.addAll(archive.records().keySet());
    Map<Integer, TrialObservation> trials =
        new TrialObserver(this::logTail, this::freshPod, follower, this::logSince, push.pushed())
            .observe(sweep.getMetadata().getName(), validated.metric(), jobs, pods, finished);
    Set<String> jobNames =
        jobs.stream().map(j -> j.getMetadata().getName()).collect(Collectors.toSet());
    Set<Integer> vanished = new HashSet<>();
    for (TrialRecord rec : previous.trials) {
      if (!rec.state.isFinished() && !jobNames.contains(rec.name) && jobIsGone(rec.name)) {
        vanished.add(rec.number);
      }
    }
    Set<String> present =
        jobs.stream()
            .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
            .map(j -> j.getMetadata().getName())
            .collect(Collectors.toSet());
    return new SweepObservation(
        previous, generation, trials, vanished, priors, now, present, archive);
  }

  /** The informer cache can lag behind a create, so only a direct read proves a Job is gone. */
  private boolean jobIsGone(String name) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(name).get() == null;
  }

  private Optional<Pod> freshPod(Job job) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("job-name", job.getMetadata().getName())
        .list()
        .getItems()
        .stream()
        .max(
            java.util.Comparator.comparing(
                p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
  }

  private Optional<String> logTail(String ns, String pod, String container) {
    try {
      return Optional.ofNullable(
          client
              .pods()
              .inNamespace(ns)
              .withName(pod)
              .inContainer(container)
              .tailingLines(LOG_TAIL_LINES)
              .getLog());
    } catch (KubernetesClientException e) {
      LOG.log(Level.FINE, "no log for pod " + ns + "/" + pod + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> logSince(
      String ns, String pod, String container, String sinceTime, int limitBytes) {
    try {
      var log =
          client.pods().inNamespace(ns).withName(pod).inContainer(container).usingTimestamps();
      return Optional.ofNullable(
          sinceTime == null
              ? log.limitBytes(limitBytes).getLog()
              : log.limitBytes(limitBytes).sinceTime(sinceTime).getLog());
    } catch (KubernetesClientException e) {
      LOG.log(Level.FINE, "no log for pod " + ns + "/" + pod + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Creates the Jobs and returns, by trial number, the ones the API server refused as invalid (400
   * or 422); any other error is thrown, so the reconcile is retried.
   */
  Map<Integer, String> createJobs(List<TrialLaunch> launches) {
    Map<Integer, String> rejected = new TreeMap<>();
    for (TrialLaunch launch : launches) {
      Job job =
          TrialJobFactory.render(
              sweep,
              validated,
              launch.number(),
              launch.parameters(),
              push.trialEnv(sweep, launch.number()));
      try {
        client.batch().v1().jobs().resource(job).create();
      } catch (KubernetesClientException e) {
        // The name is deterministic: a conflict means an earlier reconcile already created it.
        if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST || e.getCode() == 422) {
          String why = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
          rejected.put(launch.number(), "the API server rejected the trial's Job: " + why);
        } else if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
    }
    return rejected;
  }

  /** Tells the metrics endpoint which trials may push now that {@code next} is decided. */
  void track(SweepStatus next) {
    push.track(sweep, next);
  }

  void deleteJobs(List<String> names) {
    for (String name : names) {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(name)
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
          .delete();
    }
  }

  void publish(List<SweepEvent> events) {
    SweepEventLog.shared().record(sweep, events);
    for (SweepEvent event : events) {
      try {
        String now = Instant.now().toString();
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .resource(
                new EventBuilder()
                    .withNewMetadata()
                    .withGenerateName(sweep.getMetadata().getName() + ".")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withInvolvedObject(
                        new ObjectReferenceBuilder()
                            .withApiVersion(sweep.getApiVersion())
                            .withKind(sweep.getKind())
                            .withName(sweep.getMetadata().getName())
                            .withNamespace(namespace)
                            .withUid(sweep.getMetadata().getUid())
                            .build())
                    .withType(event.warning() ? "Warning" : "Normal")
                    .withReason(event.reason())
                    .withMessage(truncate(event.message()))
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource("hypersweep", null)
                    .build())
            .create();
      } catch (KubernetesClientException e) {
        // Events are best effort: losing one must never block the sweep.
        LOG.log(Level.FINE, "could not record event " + event.reason() + ": " + e.getMessage());
      }
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
