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

  /** A started trial. */
  interface Running {
    /** Completes with the exit code. */
    CompletableFuture<Integer> exit();

    /** Stops the trial; {@link #exit()} completes soon after. */
    void kill();
  }

  Running start(Launch launch) throws Exception;
}
