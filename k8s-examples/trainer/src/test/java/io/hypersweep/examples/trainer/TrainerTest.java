package io.hypersweep.examples.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.data.DataFrame;
import smile.data.Tuple;

class TrainerTest {

  @Test
  void shortRunReportsAccuracyInUnitInterval() throws Exception {
    TrainerArgs a = TrainerArgs.parse(new String[] {"--trees=20", "--max-depth=3", "--eval-every=5"}, Map.of());
    Dataset.Split split = Dataset.synthetic(600).split(0.25);
    List<Trainer.Step> seen = new ArrayList<>();
    Trainer.Result r = Trainer.train(a, split, seen::add);

    assertEquals(List.of(5, 10, 15, 20), seen.stream().map(Trainer.Step::trees).toList());
    double acc = r.finalMetrics().get("val_accuracy");
    assertTrue(acc >= 0 && acc <= 1, "val_accuracy " + acc);
    assertTrue(acc > 0.6, "the model learns something: val_accuracy " + acc);
    double auc = r.finalMetrics().get("val_auc");
    assertTrue(auc >= 0 && auc <= 1, "val_auc " + auc);
    assertEquals(acc, seen.get(3).metrics().get("val_accuracy"));
    // more trees fit the training data better
    assertTrue(seen.get(3).metrics().get("train_loss") < seen.get(0).metrics().get("train_loss"));
  }

  @Test
  void stagedScoresMatchSmilePredictions() throws Exception {
    TrainerArgs a = TrainerArgs.parse(new String[] {"--trees=15", "--subsample=0.7"}, Map.of());
    Dataset.Split split = Dataset.synthetic(400).split(0.25);
    Trainer.Result r = Trainer.train(a, split, s -> {});
    DataFrame valDf = Trainer.frame(split.validation());
    Trainer.Staged staged =
        new Trainer.Staged(r.model(), a.learningRate(), split.train().y(), valDf, split.validation().y(), 2);
    for (int t = 0; t < staged.ntrees; t++) staged.addTree(t);
    double[] post = new double[2];
    for (int i = 0; i < valDf.nrows(); i++) {
      Tuple row = valDf.get(i);
      int label = r.model().predict(row, post);
      assertEquals(post[1], staged.proba(i)[1], 1e-9, "row " + i);
      assertEquals(label, staged.f[i][0] > 0 ? 1 : 0, "row " + i);
    }
  }

  @Test
  void syntheticDataIsDeterministic() {
    Dataset a = Dataset.synthetic(100);
    Dataset b = Dataset.synthetic(100);
    assertEquals(20, a.features());
    for (int i = 0; i < 100; i++) {
      assertEquals(a.y()[i], b.y()[i]);
      assertTrue(java.util.Arrays.equals(a.x()[i], b.x()[i]));
    }
  }

  @Test
  void mainPrintsMetricLinesAndWritesTheTerminationFile(@TempDir Path dir) throws Exception {
    Path term = dir.resolve("termination-log");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Main.run(
            new String[] {"--trees", "20", "--max-depth=2", "--samples=500"},
            Map.of(Main.TERMINATION_ENV, term.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("step=10 train_loss=[0-9.]+ val_logloss=[0-9.]+ val_accuracy=[0-9.]+"), lines.get(0));
    assertTrue(lines.get(2).startsWith("val_accuracy="), lines.get(2));
    String fin = Files.readString(term);
    assertTrue(fin.startsWith("val_accuracy="), fin);
    assertTrue(fin.contains("\nval_logloss="), fin);
  }

  @Test
  void badArgumentsExitTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Main.run(
            new String[] {"--trees=-3"},
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, rc);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--trees must be >= 1"));
  }

  @Test
  void csvData(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("a,b,kind\n");
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      String kind = a + b > 0.5 ? "high" : a - b > 0.5 ? "left" : "low";
      sb.append(a).append(',').append(b).append(',').append(kind).append('\n');
    }
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, sb);
    Dataset d = Dataset.csv(csv, null);
    assertEquals(3, d.classes());
    assertEquals(2, d.features());
    TrainerArgs a = TrainerArgs.parse(new String[] {"--trees=10", "--max-depth=3"}, Map.of());
    Dataset.Split split = d.split(0.25);
    Trainer.Result r = Trainer.train(a, split, s -> {});
    double acc = r.finalMetrics().get("val_accuracy");
    assertTrue(acc > 0.7 && acc <= 1, "val_accuracy " + acc);

    // 3 classes: the staged softmax matches Smile's posteriors too
    DataFrame valDf = Trainer.frame(split.validation());
    Trainer.Staged staged =
        new Trainer.Staged(r.model(), a.learningRate(), split.train().y(), valDf, split.validation().y(), 3);
    for (int t = 0; t < staged.ntrees; t++) staged.addTree(t);
    double[] post = new double[3];
    for (int i = 0; i < valDf.nrows(); i++) {
      r.model().predict(valDf.get(i), post);
      double[] mine = staged.proba(i);
      for (int c = 0; c < 3; c++) assertEquals(post[c], mine[c], 1e-9, "row " + i + " class " + c);
    }
  }
}
