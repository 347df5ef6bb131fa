package io.hypersweep.local;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the pod and Job status that a kubelet and the Job controller would report for a trial:
 * waiting, running, and each way a container ends (exit, deadline, OOM kill, eviction).
 */
final class PodReports {
  private static final Logger LOG = Logger.getLogger(PodReports.class.getName());

  /** What the kubelet writes into a pod's status when node pressure evicts it. */
  static final String EVICTION_MESSAGE =
      "The node was low on resource: memory. Container trainer was using 2Gi, request is 0, has"
          + " larger consumption of memory.";

  /**
   * How one container ended.
   *
   * @param containerReason {@code state.terminated.reason}
   * @param podReason {@code status.reason} of the pod (null but for evictions)
   * @param deadline true when the Job's activeDeadlineSeconds ended it
   */
  record End(
      int exitCode,
      String containerReason,
      String message,
      String podReason,
      String podMessage,
      boolean deadline) {

    /** The trainer exited by itself, or was ended by the kernel or the node. */
    static End of(int exitCode, String message, TrialRunner.EndedBy by) {
      return switch (by) {
        case OOM_KILLER -> new End(exitCode, "OOMKilled", message, null, null, false);
        case EVICTION ->
            new End(
                exitCode,
                "ContainerStatusUnknown",
                "The container could not be located when the pod was terminated",
                "Evicted",
                EVICTION_MESSAGE,
                false);
        case TRAINER ->
            new End(exitCode, exitCode == 0 ? "Completed" : "Error", message, null, null, false);
      };
    }

    static End deadlineExceeded() {
      return new End(137, "DeadlineExceeded", null, null, null, true);
    }

    boolean succeeded() {
      return exitCode == 0 && !deadline && podReason == null;
    }
  }

  private final KubernetesClient client;

  PodReports(KubernetesClient client) {
    this.client = client;
  }

  /** The container cannot start (e.g. its image cannot be pulled): the pod stays Pending. */
  void waiting(Job job, String podName, String container, String reason, String message) {
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName(container)
            .withReady(false)
            .withNewState()
            .withNewWaiting(message, reason)
            .endState()
            .build();
    editPod(job, podName, "Pending", null, null, cs);
    editJob(job, s -> s.setActive(1));
  }

  void running(Job job, String podName, String container, Instant started) {
    String since = timestamp(started);
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName(container)
            .withReady(true)
            .withNewState()
            .withNewRunning(since)
            .endState()
            .build();
    editPod(job, podName, "Running", null, null, cs);
    editJob(
        job,
        s -> {
          s.setActive(1);
          s.setStartTime(since);
        });
  }

  void finished(Job job, String podName, String container, Instant started, End end) {
    String now = timestamp(Instant.now());
    boolean ok = end.succeeded();
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName(container)
            .withNewState()
            .withNewTerminated()
            .withExitCode(end.exitCode())
            .withReason(end.containerReason())
            .withMessage(end.message())
            .withStartedAt(timestamp(started))
            .withFinishedAt(now)
            .endTerminated()
            .endState()
            .build();
    editPod(job, podName, ok ? "Succeeded" : "Failed", end.podReason(), end.podMessage(), cs);
    String reason =
        end.deadline() ? "DeadlineExceeded" : ok ? null : "BackoffLimitExceeded"; // backoffLimit 0
    editJob(
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
                      .withType(ok ? "Complete" : "Failed")
                      .withStatus("True")
                      .withReason(reason)
                      .withMessage(
                          end.deadline() ? "Job was active longer than specified deadline" : null)
                      .withLastTransitionTime(now)
                      .build()));
        });
  }

  private void editPod(
      Job job,
      String podName,
      String phase,
      String reason,
      String message,
      ContainerStatus container) {
    quietly(
        () ->
            client
                .pods()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(podName)
                .editStatus(
                    p -> {
                      p.getStatus().setPhase(phase);
                      p.getStatus().setReason(reason);
                      p.getStatus().setMessage(message);
                      p.getStatus().setContainerStatuses(List.of(container));
                      if ("Evicted".equals(reason)) {
                        // Kubernetes 1.26+ also marks the pod as disrupted by the kubelet.
                        p.getStatus().setConditions(List.of(disruption(message)));
                      }
                      return p;
                    }));
  }

  private static PodCondition disruption(String message) {
    return new PodConditionBuilder()
        .withType("DisruptionTarget")
        .withStatus("True")
        .withReason("TerminationByKubelet")
        .withMessage(message)
        .withLastTransitionTime(timestamp(Instant.now()))
        .build();
  }

  private void editJob(Job job, Consumer<JobStatus> change) {
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
  static void quietly(Runnable call) {
    try {
      call.run();
    } catch (KubernetesClientException e) {
      LOG.log(Level.FINE, "local executor: " + e.getMessage());
    }
  }

  static String timestamp(Instant i) {
    return i.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
