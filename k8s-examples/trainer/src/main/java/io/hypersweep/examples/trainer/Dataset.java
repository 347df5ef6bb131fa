package io.hypersweep.examples.trainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A classification data set: rows of numeric features and integer labels 0..k-1.
 *
 * <p>{@link #synthetic(int)} generates the default data set deterministically; {@link #csv} reads
 * one from a file.
 */
public record Dataset(double[][] x, int[] y, String[] classNames, String description) {

  /** Seed of the synthetic data set; fixed so that every trial of a sweep sees the same data. */
  public static final long DATA_SEED = 20240607L;

  public static final int INFORMATIVE = 6;
  public static final int REDUNDANT = 4;
  public static final int NOISE = 10;
  public static final int CLUSTERS_PER_CLASS = 2;
  public static final double CLASS_SEP = 1.0;
  public static final double FLIP_Y = 0.05;

  public int rows() {
    return y.length;
  }

  public int features() {
    return x[0].length;
  }

  public int classes() {
    return classNames.length;
  }

  /**
   * A binary problem in the style of scikit-learn's {@code make_classification} (after Guyon,
   * 2003): each class is a mixture of {@value #CLUSTERS_PER_CLASS} Gaussian clusters centred on
   * distinct vertices of a hypercube with side {@code 2 * CLASS_SEP} in the {@value #INFORMATIVE}
   * informative dimensions, each cluster given a random linear covariance; {@value #REDUNDANT}
   * redundant features are random linear combinations of the informative ones and {@value #NOISE}
   * are pure N(0,1) noise (20 features in all); then {@code FLIP_Y} = 5% of labels are replaced by
   * a random class. Rows are shuffled. Everything is drawn from {@code java.util.Random(DATA_SEED)},
   * so the data are identical on every JVM.
   */
  public static Dataset synthetic(int samples) {
    Random rnd = new Random(DATA_SEED);
    int classes = 2;
    int clusters = classes * CLUSTERS_PER_CLASS;
    int p = INFORMATIVE + REDUNDANT + NOISE;

    // Distinct hypercube vertices as cluster centroids.
    List<Integer> vertices = new ArrayList<>();
    while (vertices.size() < clusters) {
      int v = rnd.nextInt(1 << INFORMATIVE);
      if (!vertices.contains(v)) vertices.add(v);
    }
    double[][] centroids = new double[clusters][INFORMATIVE];
    double[][][] covariance = new double[clusters][INFORMATIVE][INFORMATIVE];
    for (int c = 0; c < clusters; c++) {
      for (int j = 0; j < INFORMATIVE; j++) {
        centroids[c][j] = ((vertices.get(c) >> j) & 1) == 1 ? CLASS_SEP : -CLASS_SEP;
        for (int l = 0; l < INFORMATIVE; l++) covariance[c][j][l] = 2 * rnd.nextDouble() - 1;
      }
    }
    double[][] redundant = new double[INFORMATIVE][REDUNDANT];
    for (double[] row : redundant) {
      for (int l = 0; l < REDUNDANT; l++) row[l] = 2 * rnd.nextDouble() - 1;
    }

    double[][] x = new double[samples][p];
    int[] y = new int[samples];
    double[] z = new double[INFORMATIVE];
    for (int i = 0; i < samples; i++) {
      int c = i % clusters; // balanced clusters, hence balanced classes
      y[i] = c % classes;
      for (int j = 0; j < INFORMATIVE; j++) z[j] = rnd.nextGaussian();
      for (int j = 0; j < INFORMATIVE; j++) {
        double v = centroids[c][j];
        for (int l = 0; l < INFORMATIVE; l++) v += z[l] * covariance[c][l][j];
        x[i][j] = v;
      }
      for (int l = 0; l < REDUNDANT; l++) {
        double v = 0;
        for (int j = 0; j < INFORMATIVE; j++) v += x[i][j] * redundant[j][l];
        x[i][INFORMATIVE + l] = v;
      }
      for (int j = INFORMATIVE + REDUNDANT; j < p; j++) x[i][j] = rnd.nextGaussian();
      if (rnd.nextDouble() < FLIP_Y) y[i] = rnd.nextInt(classes);
    }

    // Shuffle rows (Fisher-Yates).
    for (int i = samples - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double[] tx = x[i];
      x[i] = x[j];
      x[j] = tx;
      int ty = y[i];
      y[i] = y[j];
      y[j] = ty;
    }
    String desc =
        String.format(
            "synthetic make_classification-style data: %d rows, %d features (%d informative, %d"
                + " redundant, %d noise), 2 classes, class_sep=%.1f, flip_y=%.2f, seed=%d",
            samples, p, INFORMATIVE, REDUNDANT, NOISE, CLASS_SEP, FLIP_Y, DATA_SEED);
    return new Dataset(x, y, new String[] {"0", "1"}, desc);
  }

  /**
   * Reads a CSV file with a header row. The {@code target} column (default: the last) holds the
   * class labels (any strings, at least two distinct); every other column must be numeric. Empty
   * lines are skipped; no quoting is supported.
   */
  public static Dataset csv(Path path, String target) throws IOException {
    List<String[]> rows = new ArrayList<>();
    String[] header;
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      while (line != null && line.isBlank()) line = in.readLine();
      if (line == null) throw new IllegalArgumentException(path + ": empty file");
      header = split(line);
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] cells = split(line);
        if (cells.length != header.length) {
          throw new IllegalArgumentException(
              String.format(
                  "%s:%d: %d columns, the header has %d", path, lineNo, cells.length, header.length));
        }
        rows.add(cells);
      }
    }
    if (header.length < 2) throw new IllegalArgumentException(path + ": need at least 2 columns");
    int t = header.length - 1;
    if (target != null) {
      t = Arrays.asList(header).indexOf(target);
      if (t < 0) {
        throw new IllegalArgumentException(
            path + ": no column '" + target + "' in header " + Arrays.toString(header));
      }
    }
    TreeSet<String> labels = new TreeSet<>();
    for (String[] r : rows) labels.add(r[t]);
    if (labels.size() < 2) {
      throw new IllegalArgumentException(
          path + ": the target column '" + header[t] + "' needs at least 2 distinct classes");
    }
    String[] classNames = labels.toArray(new String[0]);
    double[][] x = new double[rows.size()][header.length - 1];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      y[i] = Arrays.binarySearch(classNames, r[t]);
      for (int j = 0, f = 0; j < header.length; j++) {
        if (j == t) continue;
        try {
          x[i][f++] = Double.parseDouble(r[j]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              String.format(
                  "%s: row %d, column '%s': not a number: '%s'", path, i + 1, header[j], r[j]));
        }
      }
    }
    String desc =
        String.format(
            "CSV %s: %d rows, %d features, target '%s' with %d classes",
            path, rows.size(), header.length - 1, header[t], classNames.length);
    return new Dataset(x, y, classNames, desc);
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
    return cells;
  }

  /** A train/validation split. */
  public record Split(Dataset train, Dataset validation) {}

  /**
   * Splits off {@code valFraction} of the rows for validation after shuffling them with a fixed
   * seed, so the split is the same for every trial.
   */
  public Split split(double valFraction) {
    int n = rows();
    int nVal = (int) Math.round(n * valFraction);
    if (nVal < 1 || n - nVal < 2) {
      throw new IllegalArgumentException(
          "too few rows (" + n + ") for a validation fraction of " + valFraction);
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Random rnd = new Random(DATA_SEED + 1);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    return new Split(subset(idx, nVal, n, "train"), subset(idx, 0, nVal, "validation"));
  }

  private Dataset subset(Integer[] idx, int from, int to, String what) {
    double[][] sx = new double[to - from][];
    int[] sy = new int[to - from];
    for (int i = from; i < to; i++) {
      sx[i - from] = x[idx[i]];
      sy[i - from] = y[idx[i]];
    }
    return new Dataset(sx, sy, classNames, what + " part of " + description);
  }
}
