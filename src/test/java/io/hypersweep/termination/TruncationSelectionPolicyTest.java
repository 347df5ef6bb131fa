package io.hypersweep.termination;

import static io.hypersweep.termination.Curves.finished;
import static io.hypersweep.termination.Curves.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypersweep.api.Goal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TruncationSelectionPolicy}: percentages, floors, ties, same-step ranking. */
class TruncationSelectionPolicyTest {

  private static List<Integer> stopped(
      TruncationSelectionSettings s, Goal g, List<TrialCurve> trials) {
    return TerminationPolicy.of(s).decide(g, trials).stream().map(StopDecision::number).toList();
  }

  /** Trials 0..n-1, all running, trial i reporting value i at step 1. */
  private static List<TrialCurve> ladder(int n) {
    List<TrialCurve> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(running(i, i));
    }
    return out;
  }

  @Test
  void tenPercentOfTenStopsTheWorstOne() {
    TruncationSelectionSettings s = TruncationSelectionSettings.defaults();
    assertThat(stopped(s, Goal.MAXIMIZE, ladder(10))).containsExactly(0);
    assertThat(stopped(s, Goal.MINIMIZE, ladder(10))).containsExactly(9);
  }

  @Test
  void theCountIsFloored() {
    TruncationSelectionSettings s = TruncationSelectionSettings.defaults();
    assertThat(stopped(s, Goal.MAXIMIZE, ladder(9))).isEmpty();
    TruncationSelectionSettings quarter = new TruncationSelectionSettings(25, 1, 0, 3);
    assertThat(stopped(quarter, Goal.MAXIMIZE, ladder(8))).containsExactly(0, 1);
    assertThat(stopped(quarter, Goal.MAXIMIZE, ladder(11))).containsExactly(0, 1);
    assertThat(stopped(quarter, Goal.MAXIMIZE, ladder(12))).containsExactly(0, 1, 2);
  }

  @Test
  void minTrialsGuardsTinySamples() {
    TruncationSelectionSettings half = new TruncationSelectionSettings(50, 1, 0, 3);
    assertThat(stopped(half, Goal.MAXIMIZE, ladder(2))).isEmpty();
    assertThat(stopped(half, Goal.MAXIMIZE, ladder(3))).containsExactly(0);
  }

  @Test
  void tiesGoAgainstTheHigherTrialNumber() {
    TruncationSelectionSettings quarter = new TruncationSelectionSettings(25, 1, 0, 3);
    List<TrialCurve> trials =
        List.of(running(3, 0.5), running(1, 0.5), running(2, 0.5), running(0, 0.5));
    assertThat(stopped(quarter, Goal.MAXIMIZE, trials)).containsExactly(3);
  }

  @Test
  void finishedTrialsCountButAreNotStopped() {
    List<TrialCurve> trials = new ArrayList<>(ladder(10));
    trials.set(0, finished(0, 0));
    assertThat(stopped(TruncationSelectionSettings.defaults(), Goal.MAXIMIZE, trials)).isEmpty();
  }

  @Test
  void comparesValuesAtTheSameStepOnly() {
    TruncationSelectionSettings third = new TruncationSelectionSettings(34, 1, 0, 3);
    // trial 0 is judged at step 2, where only trials 0, 1, 2 are; trial 3 never got there
    List<TrialCurve> trials =
        List.of(
            running(0, 0.9, 0.1), finished(1, 0.1, 0.5), finished(2, 0.1, 0.6), finished(3, 0.0));
    List<StopDecision> d = TerminationPolicy.of(third).decide(Goal.MAXIMIZE, trials);
    assertThat(d).singleElement().satisfies(x -> assertThat(x.step()).isEqualTo(2));
    assertThat(d.get(0).value()).isEqualTo(0.1);
  }

  @Test
  void delayAndIntervalAndMissingSteps() {
    TruncationSelectionSettings s = new TruncationSelectionSettings(34, 2, 3, 3);
    TrialCurve a = finished(1, 1, 1, 1, 1);
    TrialCurve b = finished(2, 1, 1, 1, 1);
    // last step 3: the latest multiple of 2 is 2, below the delay, so no decision
    assertThat(stopped(s, Goal.MAXIMIZE, List.of(a, b, running(3, 0, 0, 0)))).isEmpty();
    // reported at steps 1 and 5 only: judged at 4 with the value held from step 1
    TrialCurve gap = Curves.sparse(3, true, new long[] {1, 5}, new double[] {0, 2});
    List<StopDecision> d = TerminationPolicy.of(s).decide(Goal.MAXIMIZE, List.of(a, b, gap));
    assertThat(d).containsExactly(new StopDecision(3, 4, 0, d.get(0).reason()));
  }

  @Test
  void rejectsPercentagesOutsideOneToNinetyNine() {
    assertThatThrownBy(() -> new TruncationSelectionSettings(0, 1, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TruncationSelectionSettings(100, 1, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
