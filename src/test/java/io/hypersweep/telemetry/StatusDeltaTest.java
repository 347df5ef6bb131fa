package io.hypersweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of what one status write changed, as the metrics count it. */
class StatusDeltaTest {

  static TrialRecord trial(int number, TrialState state) {
    TrialRecord t = new TrialRecord();
    t.number = number;
    t.name = "s-" + number;
    t.state = state;
    return t;
  }

  static SweepStatus status(SweepPhase phase, TrialRecord... trials) {
    SweepStatus s = new SweepStatus();
    s.phase = phase;
    for (TrialRecord t : trials) {
      s.trials.add(t);
    }
    return s;
  }

  @Test
  void recordsLeavingTheStatusForTheArchiveAreNeitherStartedNorFinished() {
    StatusDelta d =
        StatusDelta.between(
            status(
                SweepPhase.Running,
                trial(1, TrialState.Succeeded),
                trial(2, TrialState.Failed),
                trial(3, TrialState.EarlyStopped),
                trial(4, TrialState.Running)),
            status(
                SweepPhase.Running,
                trial(3, TrialState.EarlyStopped),
                trial(4, TrialState.Running)));
    assertThat(d.started()).isZero();
    assertThat(d.finished()).isEmpty();
    assertThat(d.earlyStopped()).isZero();
    assertThat(d.running()).isEqualTo(1);
  }

  @Test
  void newRecordsAreStartedTrials() {
    StatusDelta d =
        StatusDelta.between(
            status(SweepPhase.Running, trial(1, TrialState.Running)),
            status(
                SweepPhase.Running,
                trial(1, TrialState.Running),
                trial(2, TrialState.Pending),
                trial(3, TrialState.Running)));
    assertThat(d.started()).isEqualTo(2);
    assertThat(d.running()).isEqualTo(2);
    assertThat(d.finished()).isEmpty();
  }

  @Test
  void onlyTrialsThatReachAFinalStateNowCountAsFinished() {
    StatusDelta d =
        StatusDelta.between(
            status(
                SweepPhase.Running,
                trial(1, TrialState.Succeeded),
                trial(2, TrialState.Running),
                trial(3, TrialState.Running),
                trial(4, TrialState.Pending)),
            status(
                SweepPhase.Running,
                trial(1, TrialState.Succeeded),
                trial(2, TrialState.EarlyStopped),
                trial(3, TrialState.Failed),
                trial(4, TrialState.Running),
                trial(5, TrialState.Failed)));
    assertThat(d.finished()).isEqualTo(Map.of("early_stopped", 1, "failed", 2));
    assertThat(d.earlyStopped()).isEqualTo(1);
    assertThat(d.started()).isEqualTo(1);
    assertThat(d.running()).isEqualTo(1);
  }

  @Test
  void aRestartedOperatorRereadingFinishedTrialsCountsNothing() {
    SweepStatus persisted =
        status(
            SweepPhase.Succeeded,
            trial(1, TrialState.Succeeded),
            trial(2, TrialState.Stopped),
            trial(3, TrialState.EarlyStopped));
    persisted.trialSecondsSaved = 40L;
    StatusDelta d = StatusDelta.between(persisted, persisted);
    assertThat(d.started()).isZero();
    assertThat(d.finished()).isEmpty();
    assertThat(d.earlyStopped()).isZero();
    assertThat(d.secondsSaved()).isZero();
    assertThat(d.phase()).isEqualTo(SweepPhase.Succeeded);
  }

  @Test
  void aFirstStatusCountsEveryRecord() {
    StatusDelta d =
        StatusDelta.between(
            null,
            status(SweepPhase.Running, trial(1, TrialState.Failed), trial(2, TrialState.Pending)));
    assertThat(d.started()).isEqualTo(2);
    assertThat(d.finished()).isEqualTo(Map.of("failed", 1));
  }

  @Test
  void secondsSavedCountsGrowthOnly() {
    SweepStatus before = status(SweepPhase.Running);
    before.trialSecondsSaved = 30L;
    SweepStatus after = status(SweepPhase.Running);
    after.trialSecondsSaved = 75L;
    assertThat(StatusDelta.between(before, after).secondsSaved()).isEqualTo(45);
    assertThat(StatusDelta.between(after, before).secondsSaved()).isZero();
    assertThat(StatusDelta.between(status(SweepPhase.Running), after).secondsSaved()).isEqualTo(75);
  }

  @Test
  void levelsComeFromTheNextStatus() {
    SweepStatus next = status(null, trial(1, TrialState.Succeeded));
    next.bestTrial = trial(1, TrialState.Succeeded);
    next.bestTrial.objectiveValue = 0.875;
    StatusDelta d = StatusDelta.between(null, next);
    assertThat(d.phase()).isEqualTo(SweepPhase.Pending);
    assertThat(d.best()).isEqualTo(Optional.of(0.875));
    assertThat(StatusDelta.between(null, status(SweepPhase.Running)).best()).isEmpty();
  }

  @Test
  void outcomeLabelsAreSnakeCaseFinalStates() {
    assertThat(StatusDelta.OUTCOMES)
        .containsExactly("succeeded", "failed", "stopped", "early_stopped");
  }
}
