package io.hypersweep.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.local.LocalCluster;
import io.hypersweep.planning.ArchiveLayout;
import io.hypersweep.planning.ArchivePlan;
import io.hypersweep.planning.ArchivedTrials;
import io.hypersweep.validation.TestSweeps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The archive's API calls against the test server: a chunk an earlier incarnation wrote is adopted
 * rather than duplicated, a different one is never overwritten, and a chunk the informer has not
 * shown yet is read directly.
 */
class TrialArchiveWriteIT {
  static final ArchiveLayout LAYOUT = new ArchiveLayout(3, 1);

  LocalCluster cluster;
  HyperparameterSweep sweep;

  @BeforeEach
  void start() {
    cluster = LocalCluster.start();
    HyperparameterSweep s = TestSweeps.valid();
    s.getMetadata().setUid(null);
    s.getMetadata().setGeneration(null);
    sweep = cluster.client().resource(s).create();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static List<TrialRecord> finished(int from, int to) {
    List<TrialRecord> out = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      TrialRecord r = new TrialRecord();
      r.number = n;
      r.name = "demo-" + n;
      r.state = TrialState.Succeeded;
      r.reason = "Completed";
      r.parameters = new TreeMap<>(Map.of("x", "0." + n));
      r.metrics = new TreeMap<>(Map.of("score", n / 10.0));
      r.objectiveValue = n / 10.0;
      out.add(r);
    }
    return out;
  }

  List<ConfigMap> chunks() {
    return cluster
        .client()
        .configMaps()
        .inNamespace("default")
        .withLabel("hypersweep.io/sweep", "demo")
        .list()
        .getItems();
  }

  @Test
  void aChunkWrittenBeforeACrashIsAdoptedAndLaterChunksWait() {
    TrialArchive archive = new TrialArchive(cluster.client(), sweep);
    List<TrialRecord> earlier = finished(1, 5);
    earlier.get(1).state = TrialState.Running;
    // An earlier incarnation archived 1, 3, 4 (trial 2 still ran) and died before its status.
    archive.write(ArchivePlan.next("demo", ArchivedTrials.NONE, earlier, LAYOUT), earlier);
    assertThat(chunks()).singleElement();

    List<TrialRecord> status = finished(1, 8);
    ArchivePlan again = ArchivePlan.next("demo", ArchivedTrials.NONE, status, LAYOUT);
    assertThat(again.writes()).hasSize(2); // 1..3 and 4..6: would archive trial 4 twice
    ArchivePlan written = archive.write(again, status);
    assertThat(written.writes()).singleElement();
    assertThat(written.archived()).containsExactlyInAnyOrder(1, 3, 4);
    assertThat(written.chunks().get(0).first).isEqualTo(1);
    assertThat(written.chunks().get(0).last).isEqualTo(4);
    assertThat(chunks()).singleElement();

    ArchivedTrials seen = archive.read(chunks(), new SweepStatus());
    ArchivePlan next = ArchivePlan.next("demo", seen, status, LAYOUT);
    assertThat(next.writes()).singleElement();
    assertThat(next.writes().get(0).chunk().configMap).isEqualTo("demo-trials-1");
    assertThat(next.writes().get(0).records()).extracting(r -> r.number).containsExactly(2, 5, 6);
  }

  @Test
  void aChunkWithOtherRecordsIsNeverOverwritten() {
    TrialArchive archive = new TrialArchive(cluster.client(), sweep);
    archive.write(
        ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 4), LAYOUT), finished(1, 4));
    String before = chunks().get(0).getData().get(TrialArchive.DATA_KEY);
    List<TrialRecord> changed = finished(1, 4);
    changed.get(1).objectiveValue = 99.0;
    assertThatThrownBy(
            () ->
                archive.write(
                    ArchivePlan.next("demo", ArchivedTrials.NONE, changed, LAYOUT), changed))
        .hasMessageContaining("demo-trials-0")
        .hasMessageContaining("never overwrites");
    assertThat(chunks().get(0).getData().get(TrialArchive.DATA_KEY)).isEqualTo(before);
  }

  @Test
  void chunksListedInTheStatusButNotYetCachedAreReadDirectly() {
    TrialArchive archive = new TrialArchive(cluster.client(), sweep);
    ArchivePlan plan =
        archive.write(
            ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 4), LAYOUT), finished(1, 4));
    SweepStatus previous = new SweepStatus();
    previous.archive = plan.chunks();
    previous.trials = finished(4, 4);
    ArchivedTrials read = archive.read(List.of(), previous);
    assertThat(read.problems()).isEmpty();
    assertThat(read.records()).containsOnlyKeys(1, 2, 3);
    assertThat(read.records().get(2)).isEqualTo(finished(2, 2).get(0));

    cluster.client().resource(chunks().get(0)).delete();
    assertThat(archive.read(List.of(), previous).problems())
        .singleElement()
        .asString()
        .contains("demo-trials-0", "missing");
  }

  @Test
  void chunksOfAnotherSweepWithTheSameNameAreIgnored() {
    TrialArchive archive = new TrialArchive(cluster.client(), sweep);
    archive.write(
        ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 4), LAYOUT), finished(1, 4));
    HyperparameterSweep other = Serialization.clone(sweep);
    other.getMetadata().setUid("another-uid");
    ArchivedTrials seen =
        new TrialArchive(cluster.client(), other).read(chunks(), new SweepStatus());
    assertThat(seen.records()).isEmpty();
  }

  @Test
  void anotherSweepWarmStartsFromArchivedAndStatusRecordsAlike() {
    TrialArchive archive = new TrialArchive(cluster.client(), sweep);
    ArchivePlan plan =
        archive.write(
            ArchivePlan.next("demo", ArchivedTrials.NONE, finished(1, 5), LAYOUT), finished(1, 5));
    sweep.setStatus(new SweepStatus());
    sweep.getStatus().archive = plan.chunks();
    sweep.getStatus().trials = finished(4, 5);
    assertThat(TrialArchive.allRecords(cluster.client(), sweep)).isEqualTo(finished(1, 5));
  }
}
