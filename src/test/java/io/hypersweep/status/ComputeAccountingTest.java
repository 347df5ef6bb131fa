package io.hypersweep.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.CurvePoint;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of trialSeconds and trialSecondsSaved. */
class ComputeAccountingTest {

  static TrialRecord trial(TrialState state, int seconds, long lastStep, Long stoppedAt) {
    TrialRecord t = new TrialRecord();
    t.state = state;
    t.completionTime = state.isFinished() ? "2025-01-01T00:00:" + (10 + seconds) + "Z" : null;
    t.startTime = "2025-01-01T00:00:10Z";
    t.curve = List.of(new CurvePoint(1, 0.5), new CurvePoint(lastStep, 0.6));
    t.stoppedAtStep = stoppedAt;
    return t;
  }

  @Test
  void savedIsTheUnrunStepsAtTheStoppedTrialsOwnPace() {
    List<TrialRecord> trials =
        List.of(
            trial(TrialState.Succeeded, 40, 100, null),
            trial(TrialState.Succeeded, 30, 80, null),
            // ran 20 of 100 steps in 10 s: 80 more steps at 0.5 s each
            trial(TrialState.EarlyStopped, 10, 20, 20L),
            trial(TrialState.Running, 0, 50, null));
    ComputeAccounting c = ComputeAccounting.of(trials);
    assertThat(c.trialSeconds()).isEqualTo(80);
    assertThat(c.trialSecondsSaved()).isEqualTo(40);
  }

  @Test
  void nothingIsSavedWithoutEarlyStopsOrWithoutASucceededCurve() {
    assertThat(ComputeAccounting.of(List.of(trial(TrialState.Succeeded, 5, 10, null))))
        .isEqualTo(new ComputeAccounting(5, 0));
    assertThat(ComputeAccounting.of(List.of(trial(TrialState.EarlyStopped, 5, 10, 10L))))
        .isEqualTo(new ComputeAccounting(5, 0));
  }
}
