package io.hypersweep.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which finished records leave the status, in which chunks, and what makes an archive untrusted.
 */
class ArchivePlanTest {
  static final ArchiveLayout LAYOUT = new ArchiveLayout(3, 2);

  static TrialRecord rec(int n, TrialState state) {
    TrialRecord r = new TrialRecord();
    r.number = n;
    r.name = "demo-" + n;
    r.state = state;
    r.reason = state.name();
    r.parameters = new TreeMap<>(Map.of("x", String.valueOf(n)));
    return r;
  }

  static List<TrialRecord> finished(int from, int to) {
    List<TrialRecord> out = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      out.add(rec(n, TrialState.Succeeded));
    }
    return out;
  }

  @Test
  void fullChunksOfTheOldestFinishedRecordsAreArchivedKeepingTheNewest() {
    List<TrialRecord> status = new ArrayList<>(finished(1, 9));
    status.add(rec(10, TrialState.Running));
    ArchivePlan plan = ArchivePlan.next("demo", ArchivedTrials.NONE, status, LAYOUT);
    // 9 finished, keep 2: 7 eligible -> two chunks of 3; trial 7 waits for a full chunk.
    assertThat(plan.writes()).hasSize(2);
    assertThat(plan.writes().get(0).chunk().configMap).isEqualTo("demo-trials-0");
    assertThat(plan.writes().get(0).records()).extracting(r -> r.number).containsExactly(1, 2, 3);
    assertThat(plan.writes().get(1).records()).extracting(r -> r.number).containsExactly(4, 5, 6);
    assertThat(plan.archived()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aStragglerDoesNotBlockArchivingAndIsArchivedOnceFinished() {
    List<TrialRecord> status = new ArrayList<>(finished(1, 8));
    status.set(1, rec(2, TrialState.Running));
    ArchivePlan plan = ArchivePlan.next("demo", ArchivedTrials.NONE, status, LAYOUT);
    assertThat(plan.writes()).singleElement();
    assertThat(plan.writes().get(0).records()).extracting(r -> r.number).containsExactly(1, 3, 4);
    assertThat(plan.writes().get(0).chunk().first).isEqualTo(1);
    assertThat(plan.writes().get(0).chunk().last).isEqualTo(4);
  }

  @Test
  void nothingIsArchivedUntilAChunkIsFullBeyondTheKeptWindow() {
    ArchivePlan plan = ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 4), LAYOUT);
    assertThat(plan.writes()).isEmpty();
    assertThat(plan.archived()).isEmpty();
  }

  @Test
  void aBacklogIsReportedWhenTheNextStatusWillHoldAnotherFullChunk() {
    // The previous status showed 1..4 finished: nothing to write yet (chunk 3, keep 2).
    ArchivePlan plan = ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 4), LAYOUT);
    assertThat(plan.backlog(finished(1, 4), LAYOUT)).isFalse();
    // This plan finishes trial 5: 5 finished - keep 2 = a full chunk once the status shows it.
    assertThat(plan.backlog(finished(1, 5), LAYOUT)).isTrue();
    // Records this plan archives do not count again.
    ArchivePlan writing = ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 7), LAYOUT);
    assertThat(writing.writes()).singleElement();
    assertThat(writing.backlog(finished(1, 7), LAYOUT)).isFalse();
    assertThat(writing.backlog(finished(1, 8), LAYOUT)).isTrue();
  }

  @Test
  void theNextChunkFollowsTheChunksFoundAndSkipsTheirRecords() {
    TreeMap<Integer, List<TrialRecord>> found = new TreeMap<>(Map.of(0, finished(1, 3)));
    List<TrialRecord> status = finished(1, 8); // a restart left 1..3 in both places
    ArchivedTrials archive = ArchivedTrials.assemble("demo", found, List.of(), status);
    assertThat(archive.problems()).isEmpty();
    ArchivePlan plan = ArchivePlan.next("demo", archive, status, LAYOUT);
    assertThat(plan.writes()).singleElement();
    assertThat(plan.writes().get(0).chunk().configMap).isEqualTo("demo-trials-1");
    assertThat(plan.writes().get(0).records()).extracting(r -> r.number).containsExactly(4, 5, 6);
    assertThat(plan.archived()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(plan.chunks())
        .extracting(c -> c.configMap)
        .containsExactly("demo-trials-0", "demo-trials-1");
  }

  @Test
  void aMissingOrContradictingChunkIsAProblemNotASilentLoss() {
    ArchivedTrials missing =
        ArchivedTrials.assemble("demo", new TreeMap<>(), List.of("demo-trials-0"), List.of());
    assertThat(missing.problems()).singleElement().asString().contains("demo-trials-0", "missing");

    TrialRecord changed = rec(2, TrialState.Succeeded);
    changed.objectiveValue = 0.5;
    ArchivedTrials differs =
        ArchivedTrials.assemble(
            "demo", new TreeMap<>(Map.of(0, finished(1, 3))), List.of(), List.of(changed));
    assertThat(differs.problems()).singleElement().asString().contains("trial 2");

    ArchivedTrials unfinished =
        ArchivedTrials.assemble(
            "demo",
            new TreeMap<>(Map.of(0, List.of(rec(1, TrialState.Running)))),
            List.of(),
            List.of());
    assertThat(unfinished.problems()).singleElement().asString().contains("unfinished trial 1");
  }

  @Test
  void chunkNamesRoundTripAndForeignNamesAreIgnored() {
    assertThat(ArchivePlan.chunkIndex("demo", ArchivePlan.chunkName("demo", 12))).isEqualTo(12);
    assertThat(ArchivePlan.chunkIndex("demo", "demo-trials-01")).isEqualTo(-1);
    assertThat(ArchivePlan.chunkIndex("demo", "demo-x-trials-1")).isEqualTo(-1);
    assertThat(ArchivePlan.chunkIndex("demo", "other-trials-1")).isEqualTo(-1);
  }
}
