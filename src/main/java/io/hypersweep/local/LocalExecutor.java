package io.hypersweep.local;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.trial.TrialLabels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Plays kubelet, Job controller and garbage collector for an API server that has none: runs each
 * trial Job's pod as a local trial, reports pod and Job status, serves the trial's stdout as the
 * pod log, and deletes what an owner's deletion leaves behind.
 */
public final class LocalExecutor implements AutoCloseable {

  /** The kubelet keeps at most this much of a termination message. */
  private static final int TERMINATION_MESSAGE_LIMIT = 4096;

  private static final int LANES = 8;

  private final KubernetesClient client;
  private final PodLogStore logs;
  private final TrialRunner runner;
  private final PodReports reports;
  private final Path scratch;
  private final Map<String, TrialRunner.Running> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  /**
   * Kubelets start pods in parallel: with one thread for every Job, a few hundred concurrent trials
   * queue behind each other's API calls. A Job always goes to the same lane, so its launch,
   * deadline and deletion still happen in order.
   */
  private final ExecutorService[] lanes = new ExecutorService[LANES];

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public LocalExecutor(KubernetesClient client, PodLogStore logs, TrialRunner runner)
      throws java.io.IOException {
    this.client = client;
    this.logs = logs;
    this.runner = runner;
    this.reports = new PodReports(client);
    for (int i = 0; i < LANES; i++) {
      lanes[i] =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "local-kubelet");
                t.setDaemon(true);
                return t;
              });
    }
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
                      inLane(job, () -> launch(job));
                    }
                  }

                  @Override
                  public void onUpdate(Job oldJob, Job newJob) {}

                  @Override
                  public void onDelete(Job job, boolean unknown) {
                    inLane(job, () -> jobDeleted(job));
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

  private void inLane(Job job, Runnable work) {
    lanes[Math.floorMod(key(job).hashCode(), LANES)].execute(work);
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
      reports.finished(
          job,
          podName,
          container.getName(),
          started,
          PodReports.End.of(127, LocalCommand.MISSING, TrialRunner.EndedBy.TRAINER));
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
      reports.running(job, podName, container.getName(), started);
      Long deadline = job.getSpec().getActiveDeadlineSeconds();
      if (deadline != null) {
        timers.schedule(() -> inLane(job, () -> deadlineExceeded(job)), deadline, TimeUnit.SECONDS);
      }
      trial
          .exit()
          .thenAccept(
              code -> {
                if (running.remove(key(job)) != null) {
                  String message = readTermination(terminationFile);
                  reports.finished(
                      job,
                      podName,
                      container.getName(),
                      started,
                      PodReports.End.of(code, message, trial.endedBy()));
                }
              });
    } catch (TrialRunner.NeverStarts e) {
      reports.waiting(job, podName, container.getName(), e.reason(), e.getMessage());
    } catch (Exception e) {
      reports.finished(
          job,
          podName,
          container.getName(),
          started,
          PodReports.End.of(128, "cannot start: " + e, TrialRunner.EndedBy.TRAINER));
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

  private void deadlineExceeded(Job job) {
    TrialRunner.Running trial = running.remove(key(job));
    if (trial != null) {
      trial.kill();
      Pod pod = podOf(job);
      if (pod != null) {
        reports.finished(
            job,
            pod.getMetadata().getName(),
            metricsContainer(pod).getName(),
            Instant.now(),
            PodReports.End.deadlineExceeded());
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
      PodReports.quietly(() -> client.pods().resource(pod).delete());
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
        PodReports.quietly(() -> client.batch().v1().jobs().resource(job).delete());
      }
    }
    // The sweep's archive ConfigMaps, which the real garbage collector deletes with it too.
    for (var cm :
        client
            .configMaps()
            .inNamespace(sweep.getMetadata().getNamespace())
            .withLabel(TrialLabels.SWEEP, sweep.getMetadata().getName())
            .list()
            .getItems()) {
      if (cm.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
        PodReports.quietly(() -> client.configMaps().resource(cm).delete());
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

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    running.values().forEach(TrialRunner.Running::kill);
    running.clear();
    timers.shutdownNow();
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
  }
}
