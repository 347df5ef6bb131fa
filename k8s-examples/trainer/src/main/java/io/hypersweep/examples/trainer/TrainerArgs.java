package io.hypersweep.examples.trainer;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer's command line. Flags are accepted as {@code --flag value} and {@code --flag=value}.
 * A hyperparameter flag that is not given falls back to the operator's {@code
 * HYPERSWEEP_PARAM_<NAME>} environment variable (e.g. {@code HYPERSWEEP_PARAM_LEARNING_RATE}),
 * then to its default.
 */
public record TrainerArgs(
    double learningRate,
    int trees,
    int maxDepth,
    double subsample,
    int maxNodes,
    int nodeSize,
    long seed,
    Path data,
    String target,
    int samples,
    double valFraction,
    int evalEvery,
    boolean help) {

  public static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar example-trainer.jar [options]",
          "",
          "Trains a gradient-boosted tree classifier (Smile GradientTreeBoost) and reports",
          "metrics as name=value pairs on stdout; final metrics go to the file named by",
          "HYPERSWEEP_TERMINATION_MESSAGE_PATH (default /dev/termination-log).",
          "",
          "hyperparameters (flag, else env HYPERSWEEP_PARAM_<NAME>, else default):",
          "  --learning-rate X   shrinkage, 0 < X <= 1             (default 0.1)",
          "  --trees N           number of boosting iterations >= 1 (default 100)",
          "  --max-depth N       maximum tree depth >= 1           (default 4)",
          "  --subsample X       row sampling fraction, 0 < X <= 1 (default 0.8)",
          "  --max-nodes N       maximum leaves per tree >= 2      (default 2^max-depth, at most 1024)",
          "  --node-size N       minimum samples in a leaf >= 1    (default 5)",
          "  --seed N            seed of the subsampling           (default 1)",
          "data:",
          "  --data PATH         CSV with a header row; numeric features (default: synthetic data)",
          "  --target NAME       label column of the CSV            (default: the last column)",
          "  --samples N         size of the synthetic data set     (default 4000)",
          "  --val-fraction X    share held out for validation      (default 0.25)",
          "reporting:",
          "  --eval-every N      report metrics every N trees       (default 10)",
          "  -h, --help          print this help",
          "",
          "Integer flags also accept integral decimals such as 120.0.",
          "Exit codes: 0 success, 1 training or data error, 2 bad arguments.");

  /** Raised for bad command-line arguments; the trainer exits 2 with its message. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Parses {@code args}, using {@code env} for {@code HYPERSWEEP_PARAM_*} fallbacks. */
  public static TrainerArgs parse(String[] args, Map<String, String> env) throws UsageException {
    Builder b = new Builder(env);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        b.help = true;
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (flags look like --name=value)");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw new UsageException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      b.set(name, value);
    }
    return b.build();
  }

  private static final class Builder {
    final Map<String, String> env;
    Double learningRate;
    Integer trees;
    Integer maxDepth;
    Double subsample;
    Integer maxNodes;
    Integer nodeSize;
    Long seed;
    Path data;
    String target;
    int samples = 4000;
    double valFraction = 0.25;
    int evalEvery = 10;
    boolean help;

    Builder(Map<String, String> env) {
      this.env = env;
    }

    void set(String name, String value) throws UsageException {
      String flag = "--" + name;
      switch (name) {
        case "learning-rate" -> learningRate = parseDouble(flag, value);
        case "trees" -> trees = parseInt(flag, value);
        case "max-depth" -> maxDepth = parseInt(flag, value);
        case "subsample" -> subsample = parseDouble(flag, value);
        case "max-nodes" -> maxNodes = parseInt(flag, value);
        case "node-size" -> nodeSize = parseInt(flag, value);
        case "seed" -> seed = (long) parseInt(flag, value);
        case "data" -> {
          if (value.isBlank()) throw new UsageException("--data needs a file path");
          data = Path.of(value);
        }
        case "target" -> {
          if (value.isBlank()) throw new UsageException("--target needs a column name");
          target = value;
        }
        case "samples" -> samples = parseInt(flag, value);
        case "val-fraction" -> valFraction = parseDouble(flag, value);
        case "eval-every" -> evalEvery = parseInt(flag, value);
        default -> throw new UsageException("unknown option " + flag + " (see --help)");
      }
    }

    /** The flag's value if given, else HYPERSWEEP_PARAM_<PARAM>, else the default. */
    private String fallback(String param, String dflt) {
      String v = env.get("HYPERSWEEP_PARAM_" + param.toUpperCase(Locale.ROOT));
      return v != null && !v.isBlank() ? v.trim() : dflt;
    }

    TrainerArgs build() throws UsageException {
      double lr =
          learningRate != null
              ? learningRate
              : parseDouble("HYPERSWEEP_PARAM_LEARNING_RATE", fallback("learning_rate", "0.1"));
      int nt = trees != null ? trees : parseInt("HYPERSWEEP_PARAM_TREES", fallback("trees", "100"));
      int md =
          maxDepth != null
              ? maxDepth
              : parseInt("HYPERSWEEP_PARAM_MAX_DEPTH", fallback("max_depth", "4"));
      double ss =
          subsample != null
              ? subsample
              : parseDouble("HYPERSWEEP_PARAM_SUBSAMPLE", fallback("subsample", "0.8"));
      String mnEnv = fallback("max_nodes", null);
      int mn =
          maxNodes != null
              ? maxNodes
              : mnEnv != null
                  ? parseInt("HYPERSWEEP_PARAM_MAX_NODES", mnEnv)
                  : (int) Math.min(1024, 1L << Math.min(md, 30));
      int ns =
          nodeSize != null
              ? nodeSize
              : parseInt("HYPERSWEEP_PARAM_NODE_SIZE", fallback("node_size", "5"));
      long sd = seed != null ? seed : parseInt("HYPERSWEEP_PARAM_SEED", fallback("seed", "1"));

      if (!(lr > 0 && lr <= 1)) throw new UsageException("--learning-rate must be in (0, 1], got " + lr);
      if (nt < 1) throw new UsageException("--trees must be >= 1, got " + nt);
      if (md < 1) throw new UsageException("--max-depth must be >= 1, got " + md);
      if (!(ss > 0 && ss <= 1)) throw new UsageException("--subsample must be in (0, 1], got " + ss);
      if (mn < 2) throw new UsageException("--max-nodes must be >= 2, got " + mn);
      if (ns < 1) throw new UsageException("--node-size must be >= 1, got " + ns);
      if (samples < 20) throw new UsageException("--samples must be >= 20, got " + samples);
      if (!(valFraction > 0 && valFraction < 1)) {
        throw new UsageException("--val-fraction must be in (0, 1), got " + valFraction);
      }
      if (evalEvery < 1) throw new UsageException("--eval-every must be >= 1, got " + evalEvery);
      return new TrainerArgs(
          lr, nt, md, ss, mn, ns, sd, data, target, samples, valFraction, evalEvery, help);
    }
  }

  static double parseDouble(String flag, String value) throws UsageException {
    try {
      double d = Double.parseDouble(value.trim());
      if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " expects a number, got '" + value + "'");
    }
  }

  /** An integer; integral decimals such as "120.0" (as a sampler may render them) are accepted. */
  static int parseInt(String flag, String value) throws UsageException {
    String v = value.trim();
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      // fall through to the decimal form
    }
    try {
      double d = Double.parseDouble(v);
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) return (int) d;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " expects an integer, got '" + value + "'");
  }
}
