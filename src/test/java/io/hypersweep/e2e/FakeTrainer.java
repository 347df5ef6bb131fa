package io.hypersweep.e2e;

import io.hypersweep.local.TrialRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-process trainer for tests: computes metrics from the trial's environment, prints them,
 * writes the termination message, and can be held open until released or killed.
 */
final class FakeTrainer implements TrialRunner {

  /**
   * What one run does: with {@code lineEveryMillis} 0 it waits {@code millis} and prints {@code
   * stdout} at once; otherwise it prints one line of {@code stdout} every {@code lineEveryMillis}
   * (as a trainer reports epochs) and then waits out the rest of {@code millis}. A kill ends it at
   * once with exit code 137. {@code endedBy} says who ends the run besides the trainer (the OOM
   * killer, an eviction); a non-null {@code waitingReason} means the container never starts and its
   * pod stays Pending with that reason.
   */
  record Outcome(
      int exitCode,
      String stdout,
      String terminationMessage,
      long millis,
      long lineEveryMillis,
      TrialRunner.EndedBy endedBy) {
    Outcome(
        int exitCode, String stdout, String terminationMessage, long millis, long lineEveryMillis) {
      this(
          exitCode,
          stdout,
          terminationMessage,
          millis,
          lineEveryMillis,
          TrialRunner.EndedBy.TRAINER);
    }

    Outcome(int exitCode, String stdout, String terminationMessage, long millis) {
      this(exitCode, stdout, terminationMessage, millis, 0);
    }

    /** The kernel kills the container for exceeding its memory limit after {@code millis}. */
    static Outcome oomKilled(long millis) {
      return new Outcome(137, "", null, millis, 0, TrialRunner.EndedBy.OOM_KILLER);
    }

    /** The node evicts the pod after {@code millis}. */
    static Outcome evicted(long millis) {
      return new Outcome(137, "", null, millis, 0, TrialRunner.EndedBy.EVICTION);
    }

    static Outcome succeed(String terminationMessage) {
      return new Outcome(0, "", terminationMessage, 0);
    }

    /** Prints {@code lines} one every {@code everyMillis}, then exits 0 with the message. */
    static Outcome printing(java.util.List<String> lines, long everyMillis, String message) {
      return new Outcome(0, String.join("\n", lines), message, 0, everyMillis);
    }
  }

  private final Function<Map<String, String>, Outcome> behaviour;
  private final Function<Map<String, String>, String> waiting;
  private final java.util.concurrent.atomic.AtomicInteger concurrent =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxConcurrent =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.List<Map<String, String>> environments =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private final java.util.List<java.util.List<String>> commands =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  FakeTrainer(Function<Map<String, String>, Outcome> behaviour) {
    this(env -> null, behaviour);
  }

  /**
   * A trainer whose container never starts when {@code waiting} gives a reason for its environment
   * (e.g. {@code ImagePullBackOff}): its pod then stays Pending with that reason.
   */
  FakeTrainer(
      Function<Map<String, String>, String> waiting,
      Function<Map<String, String>, Outcome> behaviour) {
    this.waiting = waiting;
    this.behaviour = behaviour;
  }

  @Override
  public Running start(Launch launch) throws NeverStarts {
    environments.add(Map.copyOf(launch.env()));
    commands.add(java.util.List.copyOf(launch.command()));
    String waitingReason = waiting.apply(launch.env());
    if (waitingReason != null) {
      throw new NeverStarts(waitingReason, "Back-off pulling image \"example/trainer:1\"");
    }
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    CountDownLatch killed = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<TrialRunner.EndedBy> ended =
        new java.util.concurrent.atomic.AtomicReference<>(TrialRunner.EndedBy.TRAINER);
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    Thread t =
        new Thread(
            () -> {
              try {
                // The behaviour may be the whole training run (e.g. pushing metrics as it goes).
                Outcome o = behaviour.apply(launch.env());
                ended.set(o.endedBy());
                long start = System.nanoTime();
                if (o.lineEveryMillis() > 0) {
                  for (String line : (Iterable<String>) o.stdout().lines()::iterator) {
                    if (killed.await(o.lineEveryMillis(), TimeUnit.MILLISECONDS)) {
                      exit.complete(137);
                      return;
                    }
                    launch.stdout().accept(line);
                  }
                }
                long left = o.millis() - (System.nanoTime() - start) / 1_000_000;
                if (killed.await(Math.max(0, left), TimeUnit.MILLISECONDS)) {
                  exit.complete(137);
                  return;
                }
                if (o.lineEveryMillis() == 0) {
                  o.stdout().lines().forEach(launch.stdout());
                }
                if (o.terminationMessage() != null) {
                  Files.writeString(
                      launch.terminationMessagePath(),
                      o.terminationMessage(),
                      StandardCharsets.UTF_8);
                }
                exit.complete(o.exitCode());
              } catch (Exception e) {
                exit.complete(1);
              } finally {
                concurrent.decrementAndGet();
              }
            });
    t.setDaemon(true);
    t.start();
    return new Running() {
      @Override
      public CompletableFuture<Integer> exit() {
        return exit;
      }

      @Override
      public void kill() {
        killed.countDown();
      }

      @Override
      public TrialRunner.EndedBy endedBy() {
        return killed.getCount() == 0 ? TrialRunner.EndedBy.TRAINER : ended.get();
      }
    };
  }

  int maxConcurrent() {
    return maxConcurrent.get();
  }

  java.util.List<Map<String, String>> environments() {
    return environments;
  }

  java.util.List<java.util.List<String>> commands() {
    return commands;
  }
}
