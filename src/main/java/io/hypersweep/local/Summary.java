package io.hypersweep.local;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;

/** The closing lines local mode prints: outcome, reason and the best trial. */
final class Summary {
  private Summary() {}

  static String of(HyperparameterSweep sweep) {
    SweepStatus s = sweep.getStatus();
    StringBuilder out = new StringBuilder();
    out.append("sweep ")
        .append(sweep.getMetadata().getName())
        .append(" ")
        .append(s.phase)
        .append(" (")
        .append(s.phaseReason())
        .append("): ")
        .append(s.message)
        .append(System.lineSeparator());
    TrialRecord best = s.bestTrial;
    if (best != null) {
      out.append("best trial ")
          .append(best.number)
          .append(": ")
          .append(sweep.getSpec().objective.metric)
          .append("=")
          .append(best.objectiveValue)
          .append(" ")
          .append(best.parameters);
    } else {
      out.append("no successful trial");
    }
    return out.toString();
  }
}
