package io.hypersweep.termination;

import static io.hypersweep.termination.Curves.finished;
import static io.hypersweep.termination.Curves.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.Goal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MedianStoppingPolicy}: true median, delay, minimum trials, gaps. */
class MedianStoppingPolicyTest {

  private static final MedianStoppingSettings NO_DELAY = new MedianStoppingSettings(1, 0, 3);

  private static List<Integer> stopped(MedianStoppingSettings s, Goal g, TrialCurve... trials) {
    return TerminationPolicy.of(s).decide(g, List.of(trials)).stream()
        .map(StopDecision::number)
        .toList();
  }

  @Test
  void usesTheMedianNotTheMean() {
    // others' averages 0.1, 0.2, 0.9: median 0.2, mean 0.4; a best of 0.3 survives a median
    TrialCurve[] others = {finished(1, 0.1), finished(2, 0.2), finished(3, 0.9)};
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, others[0], others[1], others[2], running(4, 0.3)))
        .isEmpty();
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, others[0], others[1], others[2], running(4, 0.19)))
        .containsExactly(4);
  }

  @Test
  void comparesBestSoFarWithRunningAverages() {
    // averages over steps 1..2: 0.5, 0.6, 0.7 → median 0.6; trial 4's best 0.65 beats it
    TrialCurve a = finished(1, 0.4, 0.6);
    TrialCurve b = finished(2, 0.5, 0.7);
    TrialCurve c = running(3, 0.6, 0.8);
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, a, b, c, running(4, 0.65, 0.1))).isEmpty();
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, a, b, c, running(4, 0.55, 0.1))).containsExactly(4);
  }

  @Test
  void evenCountAveragesTheTwoMiddleValues() {
    assertThat(MedianStoppingPolicy.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(MedianStoppingPolicy.median(new double[] {5, 1, 3})).isEqualTo(3);
  }

  @Test
  void minimizeMirrors() {
    TrialCurve[] o = {finished(1, 0.1), finished(2, 0.2), finished(3, 0.9)};
    assertThat(stopped(NO_DELAY, Goal.MINIMIZE, o[0], o[1], o[2], running(4, 0.21)))
        .containsExactly(4);
    assertThat(stopped(NO_DELAY, Goal.MINIMIZE, o[0], o[1], o[2], running(4, 0.19))).isEmpty();
  }

  @Test
  void needsMinTrialsOthersThatReachedTheStep() {
    TrialCurve bad = running(4, 0.0, 0.0);
    // two others reached step 2, the third stopped at step 1
    assertThat(
            stopped(
                NO_DELAY, Goal.MAXIMIZE, finished(1, 1, 1), finished(2, 1, 1), finished(3, 1), bad))
        .isEmpty();
    assertThat(
            stopped(
                NO_DELAY,
                Goal.MAXIMIZE,
                finished(1, 1, 1),
                finished(2, 1, 1),
                running(3, 1, 1),
                bad))
        .containsExactly(4);
  }

  @Test
  void defaultDelayOfFiveSteps() {
    MedianStoppingSettings d = MedianStoppingSettings.defaults();
    TrialCurve a = finished(1, 1, 1, 1, 1, 1, 1);
    TrialCurve b = finished(2, 1, 1, 1, 1, 1, 1);
    TrialCurve c = finished(3, 1, 1, 1, 1, 1, 1);
    assertThat(stopped(d, Goal.MAXIMIZE, a, b, c, running(4, 0, 0, 0, 0))).isEmpty();
    assertThat(stopped(d, Goal.MAXIMIZE, a, b, c, running(4, 0, 0, 0, 0, 0))).containsExactly(4);
  }

  @Test
  void missingStepsHoldThePreviousValueInTheAverage() {
    // reported 0 at step 1 and 1 at step 4: held average over 1..4 is (0+0+0+1)/4 = 0.25
    TrialCurve gap = Curves.sparse(1, false, new long[] {1, 4}, new double[] {0, 1});
    assertThat(IndexedCurve.index(Goal.MAXIMIZE, List.of(gap)).get(0).runningAverage(4))
        .isEqualTo(0.25);
    TrialCurve b = finished(2, 0.25, 0.25, 0.25, 0.25);
    TrialCurve c = finished(3, 0.25, 0.25, 0.25, 0.25);
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, gap, b, c, running(4, 0.2, 0.2, 0.2, 0.24)))
        .containsExactly(4);
    assertThat(stopped(NO_DELAY, Goal.MAXIMIZE, gap, b, c, running(4, 0.2, 0.2, 0.2, 0.26)))
        .isEmpty();
  }

  @Test
  void finishedTrialsAreNeverStopped() {
    assertThat(
            stopped(
                NO_DELAY,
                Goal.MAXIMIZE,
                finished(1, 1),
                finished(2, 1),
                finished(3, 1),
                finished(4, 0)))
        .isEmpty();
  }
}
