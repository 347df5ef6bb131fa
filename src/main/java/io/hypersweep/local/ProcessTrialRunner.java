package io.hypersweep.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs trial containers as local operating-system processes. */
public final class ProcessTrialRunner implements TrialRunner {
  private final Path workingDirectory;

  public ProcessTrialRunner(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public Running start(Launch launch) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(launch.command());
    builder.directory(workingDirectory.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(launch.env());
    Process process = builder.start();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  launch.stdout().accept(line);
                }
                exit.complete(process.waitFor());
              } catch (Exception e) {
                exit.complete(process.isAlive() ? 137 : process.exitValue());
              }
            },
            "trial-" + launch.podName());
    pump.setDaemon(true);
    pump.start();
    return new Running() {
      @Override
      public CompletableFuture<Integer> exit() {
        return exit;
      }

      @Override
      public void kill() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
    };
  }
}
