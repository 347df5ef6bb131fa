package io.hypersweep.planning;

import io.hypersweep.api.ArchiveChunk;
import io.hypersweep.api.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The finished trial records found in a sweep's archive ConfigMaps, checked against each other and
 * against the status.
 *
 * @param chunks the chunks found, by ConfigMap name order of writing
 * @param records every archived record once, by trial number
 * @param problems why the archive cannot be trusted (a listed chunk is missing, two copies of a
 *     record differ); the sweep must not be planned while there is one
 */
public record ArchivedTrials(
    List<ArchiveChunk> chunks, SortedMap<Integer, TrialRecord> records, List<String> problems) {

  public static final ArchivedTrials NONE =
      new ArchivedTrials(List.of(), new TreeMap<>(), List.of());

  /**
   * Assembles the archive from the chunks read, by chunk index; {@code missing} names the chunks
   * the status lists that could not be found; {@code status} is the status' own records, which must
   * equal any archived copy (finished records never change).
   */
  public static ArchivedTrials assemble(
      String sweep,
      SortedMap<Integer, List<TrialRecord>> found,
      List<String> missing,
      List<TrialRecord> status) {
    List<String> problems = new ArrayList<>();
    for (String name : missing) {
      problems.add(
          "archive ConfigMap "
              + name
              + " listed in status.archive is missing: its trial records are lost, so the sweep"
              + " stops planning until it is restored");
    }
    List<ArchiveChunk> chunks = new ArrayList<>();
    TreeMap<Integer, TrialRecord> records = new TreeMap<>();
    for (Map.Entry<Integer, List<TrialRecord>> e : found.entrySet()) {
      String name = ArchivePlan.chunkName(sweep, e.getKey());
      List<TrialRecord> recs = e.getValue();
      if (recs.isEmpty()) {
        problems.add("archive ConfigMap " + name + " holds no trial records");
        continue;
      }
      for (TrialRecord r : recs) {
        TrialRecord before = records.putIfAbsent(r.number, r);
        if (before != null && !before.equals(r)) {
          problems.add("trial " + r.number + " is archived twice with different contents");
        }
        if (r.state == null || !r.state.isFinished()) {
          problems.add("archive ConfigMap " + name + " holds unfinished trial " + r.number);
        }
      }
      int first = recs.stream().mapToInt(r -> r.number).min().orElse(0);
      int last = recs.stream().mapToInt(r -> r.number).max().orElse(0);
      chunks.add(new ArchiveChunk(name, first, last, recs.size()));
    }
    for (TrialRecord r : status) {
      TrialRecord archived = records.get(r.number);
      if (archived != null && !archived.equals(r)) {
        problems.add(
            "trial " + r.number + " differs between status.trials and the archive ConfigMaps");
      }
    }
    return new ArchivedTrials(List.copyOf(chunks), records, List.copyOf(problems));
  }

  Set<Integer> numbers() {
    return records.keySet();
  }

  /** The index the next chunk written gets: one past the highest chunk found. */
  int nextIndex(String sweep) {
    int next = 0;
    for (ArchiveChunk c : chunks) {
      next = Math.max(next, ArchivePlan.chunkIndex(sweep, c.configMap) + 1);
    }
    return next;
  }
}
