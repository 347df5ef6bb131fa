package io.hypersweep.planning;

import io.hypersweep.api.ArchiveChunk;
import io.hypersweep.api.TrialRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which finished trial records leave the status for archive ConfigMaps: the chunks already written
 * and the ones to write now. Only records the previous status already showed as finished are
 * archived, so every result is written to the status once before it moves, and the newest {@link
 * ArchiveLayout#keep()} finished records stay, so the status stays readable.
 *
 * @param existing chunks already written, as observed
 * @param existingNumbers trial numbers in {@code existing}
 * @param writes chunks to write now, each a full chunk of records in trial order
 */
public record ArchivePlan(
    List<ArchiveChunk> existing, Set<Integer> existingNumbers, List<Write> writes) {

  public static final ArchivePlan NONE = new ArchivePlan(List.of(), Set.of(), List.of());

  /** One chunk to write: its place in the status and its records. */
  public record Write(int index, ArchiveChunk chunk, List<TrialRecord> records) {}

  /** The archive ConfigMap holding chunk {@code index} of {@code sweep}. */
  public static String chunkName(String sweep, int index) {
    return sweep + "-trials-" + index;
  }

  /** The index in a chunk's name, or -1 if it is not one of {@code sweep}'s chunks. */
  public static int chunkIndex(String sweep, String name) {
    String prefix = sweep + "-trials-";
    if (name == null || !name.startsWith(prefix)) {
      return -1;
    }
    String rest = name.substring(prefix.length());
    return rest.matches("(0|[1-9][0-9]{0,8})") ? Integer.parseInt(rest) : -1;
  }

  /** The chunks to write given the previous status' records and the archive as observed. */
  public static ArchivePlan next(
      String sweep, ArchivedTrials archive, List<TrialRecord> status, ArchiveLayout layout) {
    List<TrialRecord> candidates =
        status.stream()
            .filter(r -> r.state != null && r.state.isFinished())
            .filter(r -> !archive.numbers().contains(r.number))
            .sorted(java.util.Comparator.comparingInt(r -> r.number))
            .toList();
    int eligible = Math.max(0, candidates.size() - layout.keep());
    List<Write> writes = new ArrayList<>();
    int index = archive.nextIndex(sweep);
    for (int from = 0; from + layout.chunkSize() <= eligible; from += layout.chunkSize()) {
      writes.add(write(sweep, index++, candidates.subList(from, from + layout.chunkSize())));
    }
    return new ArchivePlan(archive.chunks(), Set.copyOf(archive.numbers()), List.copyOf(writes));
  }

  static Write write(String sweep, int index, List<TrialRecord> records) {
    List<TrialRecord> copies = records.stream().map(TrialRecord::copy).toList();
    return new Write(
        index,
        new ArchiveChunk(
            chunkName(sweep, index),
            copies.get(0).number,
            copies.get(copies.size() - 1).number,
            copies.size()),
        copies);
  }

  /**
   * This plan with {@code written} as the chunks actually written: an earlier incarnation may have
   * written a chunk of the same name with other records before it could record it.
   */
  public ArchivePlan withWrites(List<Write> written) {
    return new ArchivePlan(existing, existingNumbers, List.copyOf(written));
  }

  /** All chunks, written before and now. */
  public List<ArchiveChunk> chunks() {
    List<ArchiveChunk> all = new ArrayList<>(existing);
    writes.forEach(w -> all.add(w.chunk()));
    return all;
  }

  /**
   * Whether, once the status shows {@code trials}, another full chunk will be ready to archive.
   * Records become archivable only after a status write showed them finished, and nothing else
   * wakes a sweep whose last trials just finished, so the planner asks to be called back.
   */
  public boolean backlog(List<TrialRecord> trials, ArchiveLayout layout) {
    Set<Integer> archived = archived();
    long waiting =
        trials.stream()
            .filter(r -> r.state != null && r.state.isFinished())
            .filter(r -> !archived.contains(r.number))
            .count();
    return waiting - layout.keep() >= layout.chunkSize();
  }

  /** Trial numbers whose records live in the archive once the writes are done. */
  public Set<Integer> archived() {
    Set<Integer> all = new HashSet<>(existingNumbers);
    writes.forEach(w -> w.records().forEach(r -> all.add(r.number)));
    return all;
  }
}
