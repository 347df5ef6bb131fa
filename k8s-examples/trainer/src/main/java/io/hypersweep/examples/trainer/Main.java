package io.hypersweep.examples.trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * The example trainer's entry point, following the hypersweep trainer contract:
 *
 * <ul>
 *   <li>metric lines on stdout as space-separated {@code name=value} pairs, e.g. {@code step=50
 *       train_loss=0.2913 val_logloss=0.3342 val_accuracy=0.8760}; stdout carries nothing else
 *       (progress and diagnostics go to stderr);
 *   <li>final metrics as {@code name=value} lines in the file named by {@code
 *       HYPERSWEEP_TERMINATION_MESSAGE_PATH} (else {@code /dev/termination-log}); a failed write is
 *       only a warning;
 *   <li>exit 0 on success, 1 on a training or data error, 2 on bad arguments.
 * </ul>
 */
public final class Main {
  static final String TERMINATION_ENV = "HYPERSWEEP_TERMINATION_MESSAGE_PATH";
  static final String DEFAULT_TERMINATION_PATH = "/dev/termination-log";

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.getenv(), System.out, System.err));
  }

  static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
    TrainerArgs args;
    try {
      args = TrainerArgs.parse(argv, env);
    } catch (TrainerArgs.UsageException e) {
      err.println("example-trainer: error: " + e.getMessage());
      err.println("Run with --help for usage.");
      return 2;
    }
    if (args.help()) {
      out.println(TrainerArgs.USAGE);
      return 0;
    }

    Dataset data;
    try {
      data = args.data() != null ? Dataset.csv(args.data(), args.target()) : Dataset.synthetic(args.samples());
    } catch (NoSuchFileException e) {
      err.println("example-trainer: error: --data: no such file: " + e.getFile());
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println("example-trainer: error: cannot read data: " + e.getMessage());
      return 1;
    }

    String trial = env.getOrDefault("HYPERSWEEP_TRIAL_NUMBER", "-");
    String sweep = env.getOrDefault("HYPERSWEEP_SWEEP_NAME", "-");
    err.printf(
        Locale.ROOT,
        "example-trainer: sweep %s trial %s: learning_rate=%s trees=%d max_depth=%d subsample=%s"
            + " max_nodes=%d node_size=%d seed=%d%n",
        sweep,
        trial,
        args.learningRate(),
        args.trees(),
        args.maxDepth(),
        args.subsample(),
        args.maxNodes(),
        args.nodeSize(),
        args.seed());
    err.println("example-trainer: data: " + data.description());

    Trainer.Result result;
    try {
      Dataset.Split split = data.split(args.valFraction());
      result =
          Trainer.train(
              args,
              split,
              step -> {
                out.println("step=" + step.trees() + " " + format(step.metrics(), " "));
                out.flush();
              });
    } catch (RuntimeException e) {
      err.println("example-trainer: error: training failed: " + e);
      return 1;
    }

    Map<String, Double> fin = result.finalMetrics();
    out.println(format(fin, " "));
    out.flush();
    writeTerminationMessage(env, format(fin, "\n") + "\n", err);
    return 0;
  }

  /** name=value pairs joined by {@code sep}; counts print as integers, others with 4 decimals. */
  static String format(Map<String, Double> metrics, String sep) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (sb.length() > 0) sb.append(sep);
      double v = e.getValue();
      String value;
      if (e.getKey().equals("trees")) {
        value = Long.toString(Math.round(v));
      } else if (e.getKey().endsWith("_seconds")) {
        value = String.format(Locale.ROOT, "%.3f", v);
      } else {
        value = String.format(Locale.ROOT, "%.4f", v);
      }
      sb.append(e.getKey()).append('=').append(value);
    }
    return sb.toString();
  }

  /**
   * Writes the final metrics to $HYPERSWEEP_TERMINATION_MESSAGE_PATH (created if needed) or, when
   * that is unset, to an existing /dev/termination-log (not created, so that a run outside a
   * container leaves nothing behind in /dev). Failure is a warning, not an error.
   */
  static void writeTerminationMessage(Map<String, String> env, String text, PrintStream err) {
    String configured = env.get(TERMINATION_ENV);
    boolean explicit = configured != null && !configured.isBlank();
    Path path = Path.of(explicit ? configured : DEFAULT_TERMINATION_PATH);
    try {
      if (explicit) {
        Files.writeString(path, text, StandardCharsets.UTF_8);
      } else {
        Files.writeString(
            path,
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      err.println(
          "example-trainer: warning: could not write final metrics to " + path + ": " + e);
    }
  }
}
