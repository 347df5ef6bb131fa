package io.hypersweep.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Runs one trial container on this machine, the way a kubelet would run it in a pod. */
public interface TrialRunner {

  /**
   * What to run.
   *
   * @param command the entrypoint and arguments after substitution
   * @param env the container's environment
   * @param terminationMessagePath where the trainer writes its final metrics
   * @param stdout receives every line the trainer prints
   */
  record Launch(
      String podName,
      List<String> command,
      Map<String, String> env,
      Path terminationMessagePath,
      Consumer<String> stdout) {}

  /**
   * Who ended a container besides the trainer itself, as the kubelet reports it: the kernel's OOM
   * killer ({@code state.terminated.reason=OOMKilled}) or a node-pressure eviction ({@code
   * status.reason=Evicted} on the pod).
   */
  enum EndedBy {
    TRAINER,
    OOM_KILLER,
    EVICTION
  }

  /** A started trial. */
  interface Running {
    /** Completes with the exit code. */
    CompletableFuture<Integer> exit();

    /** Stops the trial; {@link #exit()} completes soon after. */
    void kill();

    /** Who ended the trial, read once {@link #exit()} completed; a local process ends itself. */
    default EndedBy endedBy() {
      return EndedBy.TRAINER;
    }
  }

  /**
   * Thrown by {@link #start} when the container cannot be started and never will be, the way an
   * image that cannot be pulled keeps a pod Pending: the pod stays Pending with this waiting {@code
   * reason} (e.g. {@code ImagePullBackOff}) until its Job is deleted.
   */
  final class NeverStarts extends Exception {
    private final String reason;

    public NeverStarts(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  Running start(Launch launch) throws Exception;
}
