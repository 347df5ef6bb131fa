package io.hypersweep.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator jar in local mode as a child process, {@code --serve}d, with its output
 * kept (and copied to a log file) so a test can wait for lines and read the final trial table.
 */
final class LocalModeProcess implements AutoCloseable {
  private static final Pattern ROW =
      Pattern.compile("^\\*?(\\d+)\\s+(Pending|Running|Succeeded|Failed|Stopped|EarlyStopped)\\s");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  LocalModeProcess(Path workDir, Path manifest, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                java,
                "-Dquarkus.http.port=0",
                "-jar",
                "target/quarkus-app/quarkus-run.jar",
                "local",
                manifest.toString(),
                "--serve")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .start();
    Files.createDirectories(log.getParent());
    PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                  copy.println(line);
                }
              } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
              } finally {
                copy.close();
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** The first line that matches, waiting up to {@code timeout}; fails if the process ends. */
  String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "local mode exited with " + process.exitValue() + " before the line came:\n" + tail());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such line within " + timeout + ":\n" + tail());
  }

  /** Trial number to state, from the last table local mode printed for {@code sweep}. */
  Map<Integer, String> lastTable(String sweep) {
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("sweep " + sweep + "  phase ")) {
        start = i;
      }
    }
    Map<Integer, String> states = new TreeMap<>();
    for (int i = start + 2; start >= 0 && i < lines.size(); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (!m.find()) {
        break;
      }
      states.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    return states;
  }

  String tail() {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops it as Ctrl-C would; true when it ended within the grace period. */
  boolean stop(Duration grace) throws InterruptedException {
    process.destroy();
    return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && !stop(Duration.ofSeconds(20))) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
