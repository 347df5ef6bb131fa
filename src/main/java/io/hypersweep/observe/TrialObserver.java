package io.hypersweep.observe;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricLineParser;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.metrics.TerminationMessage;
import io.hypersweep.metrics.TerminationMessageParser;
import io.hypersweep.metrics.TrialMetrics;
import io.hypersweep.trial.TrialLabels;
import io.hypersweep.trial.TrialNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a sweep's trial Jobs and Pods into trial observations, reading a finished trial's metrics
 * from its termination message, what it pushed and, when those lack the objective, from its log.
 */
public final class TrialObserver {

  /** Reads the tail of a container's log; empty when the log cannot be had. */
  public interface LogSource {
    Optional<String> tail(String namespace, String pod, String container);
  }

  /** Reads a Job's newest pod from the API server itself, bypassing the informer cache. */
  public interface PodLookup {
    Optional<Pod> latest(Job job);
  }

  private final LogSource logs;
  private final PodLookup freshPods;
  private final LogFollower follower;
  private final LogFollower.Source timestamped;
  private final PushedMetrics pushed;
  private final TerminationMessageParser terminationParser = new TerminationMessageParser();
  private final MetricLineParser lineParser = MetricLineParser.keyValue();

  /** An observer that reads logs only when a trial finishes (no early-termination policy). */
  public TrialObserver(LogSource logs) {
    this(logs, job -> Optional.empty(), null, null, null);
  }

  /**
   * An observer that also follows running trials' logs through {@code follower} (null: never), so
   * their observations carry the objective's curve.
   */
  public TrialObserver(
      LogSource logs, PodLookup freshPods, LogFollower follower, LogFollower.Source timestamped) {
    this(logs, freshPods, follower, timestamped, null);
  }

  /**
   * An observer that also merges what trials pushed to the metrics endpoint ({@code pushed} null:
   * nothing) into their curves and final values.
   */
  public TrialObserver(
      LogSource logs,
      PodLookup freshPods,
      LogFollower follower,
      LogFollower.Source timestamped,
      PushedMetrics pushed) {
    this.logs = logs;
    this.freshPods = freshPods;
    this.follower = follower;
    this.timestamped = timestamped;
    this.pushed = pushed;
  }

  /**
   * Observations of every trial Job of the sweep whose trial is not already finished in the status
   * (their results are final and need no second read).
   */
  public Map<Integer, TrialObservation> observe(
      String sweepName,
      String metric,
      Collection<Job> jobs,
      Collection<Pod> pods,
      Set<Integer> alreadyFinished) {
    Map<Integer, TrialObservation> out = new HashMap<>();
    for (Job job : jobs) {
      OptionalInt number = TrialNames.trialNumber(sweepName, job.getMetadata().getName());
      if (number.isEmpty()
          || alreadyFinished.contains(number.getAsInt())
          || job.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Pod pod = latestPod(job, pods);
      out.put(number.getAsInt(), observe(number.getAsInt(), metric, job, pod));
    }
    return out;
  }

  private TrialObservation observe(int number, String metric, Job job, Pod pod) {
    SortedMap<String, String> params = parameters(job);
    String name = job.getMetadata().getName();
    String start =
        job.getStatus() != null && job.getStatus().getStartTime() != null
            ? job.getStatus().getStartTime()
            : job.getMetadata().getCreationTimestamp();
    Optional<JobCondition> complete = condition(job, "Complete");
    Optional<JobCondition> failed = condition(job, "Failed");
    boolean finished = complete.isPresent() || failed.isPresent();
    PushedMetrics.Pushed push = pushed(job, number, metric, finished);
    if (!finished) {
      boolean podRunning =
          pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
      TrialState state = podRunning ? TrialState.Running : TrialState.Pending;
      return new TrialObservation(
          number,
          name,
          state,
          podRunning ? "PodRunning" : "PodPending",
          null,
          Map.of(),
          params,
          start,
          null,
          podRunning ? join(curve(pod, metric, false), push.curve()) : push.curve());
    }
    if (terminated(pod) == null) {
      // The Pod and Job informers lag independently: a Job can show Complete while the cached
      // pod does not show its container's end yet, and its termination message would be missed.
      pod = freshPods.latest(job).orElse(pod);
    }
    // The last lines before the trial ended complete its curve, so finished trials compare whole.
    List<MetricPoint> curve = join(curve(pod, metric, true), push.curve());
    String end =
        job.getStatus().getCompletionTime() != null
            ? job.getStatus().getCompletionTime()
            : complete.or(() -> failed).map(JobCondition::getLastTransitionTime).orElse(null);
    ContainerStateTerminated terminated = terminated(pod);
    TrialMetrics metrics = new TrialMetrics(metric);
    TerminationMessage message =
        terminationParser.parse(terminated == null ? null : terminated.getMessage());
    if (!message.isError()) {
      metrics.addTerminationMetrics(message.metrics());
    }
    if (metrics.objectiveValue().isEmpty() && !push.values().containsKey(metric) && pod != null) {
      logs.tail(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), containerName(pod))
          .ifPresent(log -> metrics.addLog(lineParser, log));
    }
    Map<String, Double> values = finalValues(metrics, push, message);
    if (failed.isPresent()) {
      return new TrialObservation(
          number,
          name,
          TrialState.Failed,
          failureReason(failed.get(), pod, terminated),
          failureMessage(failed.get(), pod, terminated),
          values,
          params,
          start,
          end,
          curve);
    }
    if (!values.containsKey(metric)) {
      String why =
          message.isError()
              ? message.message()
              : "the trial exited successfully but reported no "
                  + metric
                  + " (termination message or log line "
                  + metric
                  + "=VALUE, or a push to its metrics endpoint)";
      return new TrialObservation(
          number,
          name,
          TrialState.Failed,
          message.isError() ? message.reason() : "MissingObjective",
          why,
          values,
          params,
          start,
          end,
          curve);
    }
    return new TrialObservation(
        number, name, TrialState.Succeeded, "Completed", null, values, params, start, end, curve);
  }

  /** Takes what the trial pushed since the last reconcile; a finished trial is then forgotten. */
  private PushedMetrics.Pushed pushed(Job job, int number, String metric, boolean finished) {
    if (pushed == null) {
      return PushedMetrics.Pushed.NONE;
    }
    String ns = job.getMetadata().getNamespace();
    String sweep = job.getMetadata().getLabels().get(TrialLabels.SWEEP);
    PushedMetrics.Pushed out = pushed.take(ns, sweep, number, metric);
    if (finished) {
      pushed.forget(ns, sweep, number);
    }
    return out;
  }

  /** Log points, then pushed ones: the curve merge keeps the later value of a step seen twice. */
  private static List<MetricPoint> join(List<MetricPoint> log, List<MetricPoint> push) {
    if (push.isEmpty()) {
      return log;
    }
    List<MetricPoint> all = new ArrayList<>(log.size() + push.size());
    all.addAll(log);
    all.addAll(push);
    return all;
  }

  /**
   * Final values: pushed values count like the log's last values (and win over them, being sent on
   * purpose), and the termination message wins over both.
   */
  private static Map<String, Double> finalValues(
      TrialMetrics metrics, PushedMetrics.Pushed push, TerminationMessage message) {
    Map<String, Double> values = new LinkedHashMap<>(metrics.finalValues());
    Map<String, Double> fromMessage = message.isError() ? Map.of() : message.metrics();
    push.values()
        .forEach(
            (name, value) -> {
              if (!fromMessage.containsKey(name)) {
                values.put(name, value);
              }
            });
    return values;
  }

  private List<MetricPoint> curve(Pod pod, String metric, boolean last) {
    if (follower == null || pod == null) {
      return List.of();
    }
    String ns = pod.getMetadata().getNamespace();
    String podName = pod.getMetadata().getName();
    String container = containerName(pod);
    List<MetricPoint> points = follower.follow(timestamped, ns, podName, container, metric);
    if (last) {
      follower.forget(ns, podName, container);
    }
    return points;
  }

  private static String failureReason(
      JobCondition failed, Pod pod, ContainerStateTerminated terminated) {
    if ("DeadlineExceeded".equals(failed.getReason())) {
      return "TrialTimeout";
    }
    if (eviction(pod).isPresent()) {
      return "Evicted";
    }
    if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
      return "OOMKilled";
    }
    return terminated != null
        ? "Error"
        : failed.getReason() == null ? "JobFailed" : failed.getReason();
  }

  private static String failureMessage(
      JobCondition failed, Pod pod, ContainerStateTerminated terminated) {
    if ("DeadlineExceeded".equals(failed.getReason())) {
      return "the trial ran longer than trialTimeout";
    }
    Optional<String> evicted = eviction(pod);
    if (evicted.isPresent()) {
      return evicted.get();
    }
    if (terminated != null) {
      String msg = "the trainer exited with code " + terminated.getExitCode();
      return terminated.getReason() == null ? msg : msg + " (" + terminated.getReason() + ")";
    }
    return failed.getMessage();
  }

  /**
   * Why the node took the pod away, if it did: {@code status.reason=Evicted}, or (newer kubelets,
   * which may leave the reason empty) a {@code DisruptionTarget} condition. The container status of
   * an evicted pod only says its container vanished (exit 137), which would read as a crash.
   */
  private static Optional<String> eviction(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return Optional.empty();
    }
    if ("Evicted".equals(pod.getStatus().getReason())) {
      String why = pod.getStatus().getMessage();
      return Optional.of("the trial's pod was evicted" + (why == null ? "" : ": " + why.strip()));
    }
    if (pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .map(
            c ->
                "the trial's pod was evicted ("
                    + c.getReason()
                    + ")"
                    + (c.getMessage() == null ? "" : ": " + c.getMessage().strip()));
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static Pod latestPod(Job job, Collection<Pod> pods) {
    String trial = job.getMetadata().getLabels().get(TrialLabels.TRIAL);
    return pods.stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(
            p -> trial != null && trial.equals(p.getMetadata().getLabels().get(TrialLabels.TRIAL)))
        .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
        .orElse(null);
  }

  private static String containerName(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String wanted = annotations == null ? null : annotations.get(TrialLabels.METRICS_CONTAINER);
    return wanted != null ? wanted : pod.getSpec().getContainers().get(0).getName();
  }

  private static ContainerStateTerminated terminated(Pod pod) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    String name = containerName(pod);
    for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
      if (name.equals(cs.getName()) && cs.getState() != null) {
        return cs.getState().getTerminated();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static SortedMap<String, String> parameters(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(TrialLabels.PARAMETERS);
    if (json == null) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(Serialization.unmarshal(json, Map.class));
    } catch (RuntimeException e) {
      return new TreeMap<>();
    }
  }
}
