package io.hypersweep.local;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Renders a sweep's trials as the plain-text table local mode prints. */
public final class TrialTable {
  private TrialTable() {}

  public static String render(HyperparameterSweep sweep) {
    SweepStatus status = sweep.getStatus() == null ? new SweepStatus() : sweep.getStatus();
    String metric = sweep.getSpec().objective.metric;
    TreeSet<String> names = new TreeSet<>(sweep.getSpec().parameters.keySet());
    List<String> header = new ArrayList<>(List.of("trial", "state"));
    header.addAll(names);
    header.add(metric);
    header.add("reason");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    Integer best = status.bestTrial == null ? null : status.bestTrial.number;
    for (TrialRecord t : status.trials) {
      List<String> row = new ArrayList<>();
      row.add((best != null && best == t.number ? "*" : "") + t.number);
      row.add(String.valueOf(t.state));
      names.forEach(n -> row.add(t.parameters.getOrDefault(n, "")));
      row.add(t.objectiveValue == null ? "" : format(t.objectiveValue));
      row.add(t.reason == null || t.reason.equals("Completed") ? "" : t.reason);
      rows.add(row);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "sweep %s  phase %s  progress %s%n",
            sweep.getMetadata().getName(),
            status.phase == null ? "Pending" : status.phase,
            status.progress == null ? "0/?" : status.progress));
    out.append(table(rows));
    return out.toString();
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], Math.min(row.get(i).length(), 40));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i).length() > 40 ? row.get(i).substring(0, 37) + "..." : row.get(i);
        out.append(String.format("%-" + widths[i] + "s", cell));
        out.append(i + 1 < row.size() ? "  " : System.lineSeparator());
      }
    }
    return out.toString();
  }
}
