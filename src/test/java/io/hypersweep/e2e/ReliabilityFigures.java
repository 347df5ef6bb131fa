package io.hypersweep.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The guarantees a reliability suite checks, computed alike for every suite, and its JSON file. */
final class ReliabilityFigures {
  private ReliabilityFigures() {}

  /**
   * Whether the reliability suites run at their bigger size (-Dhypersweep.reliability.full=true).
   */
  static boolean full() {
    return Boolean.getBoolean("hypersweep.reliability.full");
  }

  /** Trial runs beyond one per trial number: the trainer counts every start. */
  static int duplicates(FakeTrainer trainer, HyperparameterSweep done) {
    return trainer.environments().size() - done.getStatus().trials.size();
  }

  /** Succeeded trials whose result is missing, or trials that ended in a state they should not. */
  static long lost(HyperparameterSweep done, java.util.Set<TrialState> allowed) {
    return done.getStatus().trials.stream()
        .filter(
            t ->
                !allowed.contains(t.state)
                    || (t.state == TrialState.Succeeded && t.objectiveValue == null))
        .count();
  }

  static boolean sameBest(HyperparameterSweep done, HyperparameterSweep reference) {
    TrialRecord a = done.getStatus().bestTrial;
    TrialRecord b = reference.getStatus().bestTrial;
    return a != null
        && b != null
        && a.number == b.number
        && a.objectiveValue.equals(b.objectiveValue)
        && a.parameters.equals(b.parameters);
  }

  static Map<Integer, Map<String, String>> parameters(HyperparameterSweep sweep) {
    return sweep.getStatus().trials.stream()
        .collect(Collectors.toMap(t -> t.number, (TrialRecord t) -> t.parameters));
  }

  /** Writes {@code figures} (insertion order kept) to target/bench/{@code file}. */
  static void write(String file, Map<String, Object> figures) throws Exception {
    Path out = Path.of("target", "bench", file);
    Files.createDirectories(out.getParent());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out, json.writeValueAsString(figures) + "\n");
    System.out.println(file + ": " + new ObjectMapper().writeValueAsString(figures));
  }
}
