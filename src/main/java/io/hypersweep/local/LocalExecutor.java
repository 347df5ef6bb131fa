package io.hypersweep.local;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.trial.TrialLabels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays kubelet, Job controller and garbage collector for an API server that has none: runs each
 * trial Job's pod as a local trial, reports pod and Job status, serves the trial's stdout as the
 * pod log, and deletes what an owner's deletion leaves behind.
 */
public final class LocalExecutor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalExecutor.class.getName());

  /** The kubelet keeps at most this much of a termination message. */
  private static final int TERMINATION_MESSAGE_LIMIT = 4096;

  private final KubernetesClient client;
  private final PodLogStore logs;
  private final TrialRunner runner;
  private final Path scratch;
  private final Map<String, TrialRunner.Running> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public LocalExecutor(KubernetesClient client, PodLogStore logs, TrialRunner runner)
      throws java.io.IOException {
    this.client = client;
    this.logs = logs;
    this.runner = runner;
    this.scratch = Files.createTempDirectory("hypersweep-local");
  }

  /** Starts watching Jobs and sweeps. */
  public LocalExecutor start() {
    informers.add(
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .withLabel(TrialLabels.SWEEP)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    if (seen.putIfAbsent(key(job), Boolean.TRUE) == null) {
                      timers.execute(() -> launch(job));
                    }
                  }

                  @Override
                  public void onUpdate(Job oldJob, Job newJob) {}

                  @Override
                  public void onDelete(Job job, boolean unknown) {
                    timers.execute(() -> jobDeleted(job));
                  }
                }));
    informers.add(
        client
            .resources(HyperparameterSweep.class)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(HyperparameterSweep sweep) {}

                  @Override
                  public void onUpdate(HyperparameterSweep o, HyperparameterSweep n) {}

                  @Override
                  public void onDelete(HyperparameterSweep sweep, boolean unknown) {
                    timers.execute(() -> collectOwnedJobs(sweep));
                  }
                }));
    return this;
  }

  private static String key(Job job) {
    return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
  }

  private void launch(Job job) {
    String ns = job.getMetadata().getNamespace();
    Pod pod = createPod(job);
    String podName = pod.getMetadata().getName();
    Container container = metricsContainer(pod);
    Path terminationFile = scratch.resolve(podName + ".termination-log");
    List<String> command = LocalCommand.of(pod, container);
    Instant started = Instant.now();
    if (command.isEmpty()) {
      finish(job, podName, container.getName(), started, 127, LocalCommand.MISSING, false);
      return;
    }
    Map<String, String> env = environment(container, terminationFile);
    try {
      TrialRunner.Running trial =
          runner.start(
              new TrialRunner.Launch(
                  podName,
                  command,
                  env,
                  terminationFile,
                  line -> logs.append(ns, podName, container.getName(), line)));
      running.put(key(job), trial);
      markRunning(job, podName, container.getName(), started);
      Long deadline = job.getSpec().getActiveDeadlineSeconds();
      if (deadline != null) {
        timers.schedule(() -> deadlineExceeded(job), deadline, TimeUnit.SECONDS);
      }
      trial
          .exit()
          .thenAccept(
              code -> {
                if (running.remove(key(job)) != null) {
                  String message = readTermination(terminationFile);
                  finish(job, podName, container.getName(), started, code, message, false);
                }
              });
    } catch (Exception e) {
      finish(job, podName, container.getName(), started, 128, "cannot start: " + e, false);
    }
  }

  private Pod createPod(Job job) {
    Pod pod = new Pod();
    ObjectMeta meta = Serialization.clone(job.getSpec().getTemplate().getMetadata());
    meta.setName(job.getMetadata().getName() + "-" + suffix());
    meta.setNamespace(job.getMetadata().getNamespace());
    Map<String, String> labels = new LinkedHashMap<>(meta.getLabels());
    labels.put("job-name", job.getMetadata().getName());
    labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
    meta.setLabels(labels);
    meta.setOwnerReferences(
        List.of(
            new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .withController(true)
                .build()));
    pod.setMetadata(meta);
    pod.setSpec(Serialization.clone(job.getSpec().getTemplate().getSpec()));
    PodStatus status = new PodStatus();
    status.setPhase("Pending");
    pod.setStatus(status);
    return client.pods().resource(pod).create();
  }

  private static String suffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return s.toString();
  }

  static Container metricsContainer(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String wanted = annotations == null ? null : annotations.get(TrialLabels.METRICS_CONTAINER);
    return pod.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(wanted))
        .findFirst()
        .orElse(pod.getSpec().getContainers().get(0));
  }

  private static Map<String, String> environment(Container container, Path terminationFile) {
    Map<String, String> env = new HashMap<>();
    if (container.getEnv() != null) {
      for (EnvVar e : container.getEnv()) {
        if (e.getValue() != null) {
          env.put(e.getName(), e.getValue());
        }
      }
    }
    env.put("HYPERSWEEP_TERMINATION_MESSAGE_PATH", terminationFile.toString());
    return env;
  }

  private static String readTermination(Path file) {
    try {
      if (!Files.exists(file)) {
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      int n = Math.min(bytes.length, TERMINATION_MESSAGE_LIMIT);
      return new String(bytes, 0, n, StandardCharsets.UTF_8);
    } catch (Exception e) {
      return null;
    }
  }

  private void markRunning(Job job, String podName, String container, Instant started) {
    String since = timestamp(started);
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName(container)
            .withReady(true)
            .withNewState()
            .withNewRunning(since)
            .endState()
            .build();
    editPodStatus(job, podName, "Running", cs);
    editJobStatus(
        job,
        s -> {
          s.setActive(1);
          s.setStartTime(since);
        });
  }

  private void finish(
      Job job,
      String podName,
      String container,
      Instant started,
      int exitCode,
      String message,
      boolean deadline) {
    String now = timestamp(Instant.now());
    boolean ok = exitCode == 0 && !deadline;
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName(container)
            .withNewState()
            .withNewTerminated()
            .withExitCode(exitCode)
            .withReason(deadline ? "DeadlineExceeded" : ok ? "Completed" : "Error")
            .withMessage(message)
            .withStartedAt(timestamp(started))
            .withFinishedAt(now)
            .endTerminated()
            .endState()
            .build();
    editPodStatus(job, podName, ok ? "Succeeded" : "Failed", cs);
    String type = ok ? "Complete" : "Failed";
    String reason = deadline ? "DeadlineExceeded" : ok ? null : "BackoffLimitExceeded";
    editJobStatus(
        job,
        s -> {
          s.setActive(0);
          if (s.getStartTime() == null) {
            s.setStartTime(timestamp(started));
          }
          if (ok) {
            s.setSucceeded(1);
            s.setCompletionTime(now);
          } else {
            s.setFailed(1);
          }
          s.setConditions(
              List.of(
                  new JobConditionBuilder()
                      .withType(type)
                      .withStatus("True")
                      .withReason(reason)
                      .withMessage(
                          deadline ? "Job was active longer than specified deadline" : null)
                      .withLastTransitionTime(now)
                      .build()));
        });
  }

  private void deadlineExceeded(Job job) {
    TrialRunner.Running trial = running.remove(key(job));
    if (trial != null) {
      trial.kill();
      Pod pod = podOf(job);
      if (pod != null) {
        finish(
            job,
            pod.getMetadata().getName(),
            metricsContainer(pod).getName(),
            Instant.now(),
            137,
            null,
            true);
      }
    }
  }

  private void jobDeleted(Job job) {
    TrialRunner.Running trial = running.remove(key(job));
    if (trial != null) {
      trial.kill();
    }
    seen.remove(key(job));
    Pod pod = podOf(job);
    if (pod != null) {
      logs.remove(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      quietly(() -> client.pods().resource(pod).delete());
    }
  }

  private void collectOwnedJobs(HyperparameterSweep sweep) {
    String uid = sweep.getMetadata().getUid();
    for (Job job :
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(sweep.getMetadata().getNamespace())
            .withLabel(TrialLabels.SWEEP, sweep.getMetadata().getName())
            .list()
            .getItems()) {
      boolean owned =
          job.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
      if (owned) {
        quietly(() -> client.batch().v1().jobs().resource(job).delete());
      }
    }
  }

  private Pod podOf(Job job) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(job.getMetadata().getNamespace())
            .withLabel("job-name", job.getMetadata().getName())
            .list()
            .getItems();
    return pods.isEmpty() ? null : pods.get(0);
  }

  private void editPodStatus(Job job, String podName, String phase, ContainerStatus cs) {
    quietly(
        () ->
            client
                .pods()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(podName)
                .editStatus(
                    p -> {
                      p.getStatus().setPhase(phase);
                      p.getStatus().setContainerStatuses(List.of(cs));
                      return p;
                    }));
  }

  private void editJobStatus(Job job, java.util.function.Consumer<JobStatus> change) {
    quietly(
        () ->
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName())
                .editStatus(
                    j -> {
                      if (j.getStatus() == null) {
                        j.setStatus(new JobStatus());
                      }
                      change.accept(j.getStatus());
                      return j;
                    }));
  }

  /** Objects deleted meanwhile are fine: the trial is gone and so is its status. */
  private static void quietly(Runnable call) {
    try {
      call.run();
    } catch (KubernetesClientException e) {
      LOG.log(Level.FINE, "local executor: " + e.getMessage());
    }
  }

  private static String timestamp(Instant i) {
    return i.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    running.values().forEach(TrialRunner.Running::kill);
    running.clear();
    timers.shutdownNow();
  }
}
