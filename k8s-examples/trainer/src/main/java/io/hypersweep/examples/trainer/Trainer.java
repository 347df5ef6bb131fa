package io.hypersweep.examples.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;

/**
 * Fits Smile's {@link GradientTreeBoost} classifier and evaluates it after every {@code
 * evalEvery} trees.
 *
 * <p>Smile 2.6.0 fits all trees in one call, so the per-step metrics are computed after fitting,
 * by adding up the first k trees' outputs incrementally (the same sum that {@code predict}
 * computes; checked in the tests), which costs one pass over the trees.
 */
public final class Trainer {
  static final String LABEL = "label";
  private static final double EPS = 1e-15;

  private Trainer() {}

  /** Metrics at one evaluation step: the number of trees and name -> value, in print order. */
  public record Step(int trees, Map<String, Double> metrics) {}

  /** All steps and the final metrics. */
  public record Result(List<Step> steps, Map<String, Double> finalMetrics, GradientTreeBoost model) {}

  public static DataFrame frame(Dataset d) {
    String[] names = new String[d.features()];
    for (int j = 0; j < names.length; j++) names[j] = "x" + j;
    return DataFrame.of(d.x(), names).merge(IntVector.of(LABEL, d.y()));
  }

  /**
   * Trains on {@code split.train()}, reports each step to {@code onStep} as it is evaluated, and
   * returns all steps with the final metrics.
   */
  public static Result train(TrainerArgs a, Dataset.Split split, Consumer<Step> onStep) {
    Dataset train = split.train();
    Dataset val = split.validation();
    int k = train.classes();
    boolean[] seen = new boolean[k];
    for (int yi : train.y()) seen[yi] = true;
    for (int c = 0; c < k; c++) {
      if (!seen[c]) {
        throw new IllegalArgumentException(
            "class '" + train.classNames()[c] + "' has no rows in the training part");
      }
    }

    MathEx.setSeed(a.seed()); // Smile's subsampling draws from MathEx's generator
    Formula formula = Formula.lhs(LABEL);
    DataFrame trainDf = frame(train);
    DataFrame valDf = frame(val);
    long t0 = System.nanoTime();
    GradientTreeBoost model =
        GradientTreeBoost.fit(
            formula,
            trainDf,
            a.trees(),
            a.maxDepth(),
            a.maxNodes(),
            a.nodeSize(),
            a.learningRate(),
            a.subsample());
    double fitSeconds = (System.nanoTime() - t0) / 1e9;

    double lr = a.learningRate();
    Staged trainScores = new Staged(model, lr, train.y(), trainDf, train.y(), k);
    Staged valScores = new Staged(model, lr, train.y(), valDf, val.y(), k);
    List<Step> steps = new ArrayList<>();
    int ntrees = trainScores.ntrees;
    for (int t = 1; t <= ntrees; t++) {
      trainScores.addTree(t - 1);
      valScores.addTree(t - 1);
      if (t % a.evalEvery() == 0 || t == ntrees) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", trainScores.logloss());
        m.put("val_logloss", valScores.logloss());
        m.put("val_accuracy", valScores.accuracy());
        Step step = new Step(t, m);
        steps.add(step);
        onStep.accept(step);
      }
    }

    Map<String, Double> fin = new LinkedHashMap<>();
    fin.put("val_accuracy", valScores.accuracy());
    fin.put("val_logloss", valScores.logloss());
    if (k == 2) fin.put("val_auc", valScores.auc());
    fin.put("train_loss", trainScores.logloss());
    fin.put("train_accuracy", trainScores.accuracy());
    fin.put("trees", (double) ntrees);
    fin.put("train_seconds", fitSeconds);
    return new Result(steps, fin, model);
  }

  /**
   * Raw boosting scores of a data set with the first t trees, updated one tree at a time. Binary:
   * one score F = b + lr * sum(tree), P(class 1) = 1 / (1 + exp(-2F)), as Smile's logistic loss
   * uses labels in {-1, +1}; b = 0.5 * log((1 + mu) / (1 - mu)) with mu the training mean of those
   * labels. K classes: one score per class, F_c = lr * sum(tree_c), softmax.
   */
  static final class Staged {
    final int k;
    final int ntrees;
    final double shrinkage;
    final RegressionTree[][] forest; // [class or 0 for binary][tree]
    final Tuple[] rows;
    final int[] y;
    final double[][] f; // [row][score]

    Staged(GradientTreeBoost model, double shrinkage, int[] trainY, DataFrame df, int[] y, int k) {
      this.k = k;
      this.y = y;
      this.shrinkage = shrinkage;
      RegressionTree[] all = model.trees();
      int groups = k == 2 ? 1 : k;
      this.ntrees = all.length / groups;
      this.forest = new RegressionTree[groups][];
      for (int g = 0; g < groups; g++) {
        forest[g] = Arrays.copyOfRange(all, g * ntrees, (g + 1) * ntrees);
      }
      DataFrame x = model.formula().x(df);
      this.rows = new Tuple[x.nrows()];
      for (int i = 0; i < rows.length; i++) rows[i] = x.get(i);
      this.f = new double[rows.length][groups];
      if (k == 2) {
        double b = binaryIntercept(trainY);
        for (double[] fi : f) fi[0] = b;
      }
    }

    void addTree(int t) {
      for (int i = 0; i < rows.length; i++) {
        for (int g = 0; g < forest.length; g++) f[i][g] += shrinkage * forest[g][t].predict(rows[i]);
      }
    }

    double[] proba(int i) {
      if (k == 2) {
        double p1 = 1.0 / (1.0 + Math.exp(-2 * f[i][0]));
        return new double[] {1 - p1, p1};
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : f[i]) max = Math.max(max, v);
      double[] p = new double[k];
      double z = 0;
      for (int c = 0; c < k; c++) z += p[c] = Math.exp(f[i][c] - max);
      for (int c = 0; c < k; c++) p[c] /= z;
      return p;
    }

    double logloss() {
      double sum = 0;
      for (int i = 0; i < rows.length; i++) {
        double p = proba(i)[y[i]];
        sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
      }
      return sum / rows.length;
    }

    double accuracy() {
      int correct = 0;
      for (int i = 0; i < rows.length; i++) {
        int pred;
        if (k == 2) {
          pred = f[i][0] > 0 ? 1 : 0; // as GradientTreeBoost.predict
        } else {
          pred = 0;
          for (int c = 1; c < k; c++) if (f[i][c] > f[i][pred]) pred = c;
        }
        if (pred == y[i]) correct++;
      }
      return (double) correct / rows.length;
    }

    /** ROC AUC of the binary score (Mann-Whitney U, ties counted half). */
    double auc() {
      Integer[] order = new Integer[rows.length];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> Double.compare(f[a][0], f[b][0]));
      double rankSumPos = 0;
      long pos = 0;
      int i = 0;
      while (i < order.length) {
        int j = i;
        while (j + 1 < order.length && f[order[j + 1]][0] == f[order[i]][0]) j++;
        double rank = (i + j) / 2.0 + 1; // average rank of the tie group
        for (int r = i; r <= j; r++) {
          if (y[order[r]] == 1) {
            rankSumPos += rank;
            pos++;
          }
        }
        i = j + 1;
      }
      long neg = order.length - pos;
      if (pos == 0 || neg == 0) return Double.NaN;
      return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
  }

  /**
   * The intercept of a binary model, computed as Smile 2.6.0's logistic loss does (it is not
   * exposed): b = 0.5 * log((1 + mu) / (1 - mu)), mu the mean of the training labels mapped to
   * {-1, +1}. Labels here are 0..k-1 and all present in the training part, so they equal Smile's
   * internal class indices.
   */
  static double binaryIntercept(int[] trainY) {
    double mu = 0;
    for (int yi : trainY) mu += 2 * yi - 1;
    mu /= trainY.length;
    return 0.5 * Math.log((1 + mu) / (1 - mu));
  }
}
