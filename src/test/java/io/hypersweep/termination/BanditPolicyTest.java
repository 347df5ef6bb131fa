package io.hypersweep.termination;

import static io.hypersweep.termination.Curves.finished;
import static io.hypersweep.termination.Curves.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hypersweep.api.Goal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link BanditPolicy}: the anchors' example, both goals, schedule and gaps. */
class BanditPolicyTest {

  private static List<Integer> stopped(BanditSettings s, Goal g, TrialCurve... trials) {
    return TerminationPolicy.of(s).decide(g, List.of(trials)).stream()
        .map(StopDecision::number)
        .toList();
  }

  @Test
  void anchorsExampleFactorCutoffIsTwoThirdsOfBest() {
    BanditSettings s = BanditSettings.factor(0.2);
    assertThat(new BanditPolicy(s).cutoff(Goal.MAXIMIZE, 0.8)).isCloseTo(0.6667, within(1e-4));
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), running(2, 0.666))).containsExactly(2);
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), running(2, 0.667))).isEmpty();
  }

  @Test
  void anchorsExampleAmountCutoffIsBestMinusAmount() {
    BanditSettings s = BanditSettings.amount(0.2);
    assertThat(new BanditPolicy(s).cutoff(Goal.MAXIMIZE, 0.8)).isCloseTo(0.6, within(1e-12));
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), running(2, 0.59))).containsExactly(2);
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), running(2, 0.61))).isEmpty();
  }

  @Test
  void minimizeMirrorsTheCutoff() {
    BanditSettings f = BanditSettings.factor(0.2);
    assertThat(stopped(f, Goal.MINIMIZE, finished(1, 0.5), running(2, 0.61))).containsExactly(2);
    assertThat(stopped(f, Goal.MINIMIZE, finished(1, 0.5), running(2, 0.59))).isEmpty();
    BanditSettings a = BanditSettings.amount(0.1);
    assertThat(stopped(a, Goal.MINIMIZE, finished(1, 0.5), running(2, 0.61))).containsExactly(2);
    assertThat(stopped(a, Goal.MINIMIZE, finished(1, 0.5), running(2, 0.59))).isEmpty();
  }

  @Test
  void factorAppliesToMagnitudeForNegativeMetrics() {
    BanditPolicy p = new BanditPolicy(BanditSettings.factor(0.25));
    assertThat(p.cutoff(Goal.MAXIMIZE, -1.0)).isCloseTo(-1.2, within(1e-12));
    assertThat(p.cutoff(Goal.MINIMIZE, -1.0)).isCloseTo(-0.75, within(1e-12));
    BanditSettings s = BanditSettings.factor(0.25);
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, -1.0), running(2, -1.21))).containsExactly(2);
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, -1.0), running(2, -1.19))).isEmpty();
  }

  @Test
  void comparesBestSoFarNotTheLatestValue() {
    BanditSettings s = BanditSettings.amount(0.1);
    // trial 2 dipped to 0.3 but its best so far, 0.75, is within the slack of 0.8
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), running(2, 0.75, 0.3))).isEmpty();
  }

  @Test
  void bestOfAllIsTakenUpToTheJudgedStep() {
    BanditSettings s = BanditSettings.amount(0.1);
    // at step 2 the leader's best is 0.5, its later 0.9 must not count yet
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.5, 0.5, 0.9), running(2, 0.42, 0.45)))
        .isEmpty();
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.5, 0.5, 0.9), running(2, 0.42, 0.45, 0.5)))
        .containsExactly(2);
  }

  @Test
  void delayEvaluationAndIntervalBoundaries() {
    BanditSettings s = BanditSettings.amount(0.1).withSchedule(3, 5);
    TrialCurve leader = finished(1, 1, 1, 1, 1, 1, 1, 1);
    // last step 5: the latest multiple of 3 is 3, below the delay of 5, so nothing is judged
    assertThat(stopped(s, Goal.MAXIMIZE, leader, running(2, 0, 0, 0, 0, 0))).isEmpty();
    // step 6 is the first multiple of 3 at or after the delay
    List<StopDecision> d =
        TerminationPolicy.of(s)
            .decide(Goal.MAXIMIZE, List.of(leader, running(2, 0, 0, 0, 0, 0, 0, 0)));
    assertThat(d).singleElement().satisfies(x -> assertThat(x.step()).isEqualTo(6));
    // judged at step 6 even at step 7: the good value at step 7 is not seen until step 9
    assertThat(stopped(s, Goal.MAXIMIZE, leader, running(2, 0, 0, 0, 0, 0, 0, 1))).contains(2);
  }

  @Test
  void missingStepsUseTheLastValueAtOrBefore() {
    BanditSettings s = BanditSettings.amount(0.1);
    TrialCurve leader = Curves.sparse(1, false, new long[] {1, 10}, new double[] {0.5, 0.9});
    TrialCurve gappy = Curves.sparse(2, true, new long[] {1, 6}, new double[] {0.1, 0.45});
    // at step 6 the leader holds 0.5 (reported at step 1): cutoff 0.4, 0.45 passes
    assertThat(stopped(s, Goal.MAXIMIZE, leader, gappy)).isEmpty();
  }

  @Test
  void finishedTrialsAreNeverStopped() {
    BanditSettings s = BanditSettings.amount(0.1);
    assertThat(stopped(s, Goal.MAXIMIZE, finished(1, 0.8), finished(2, 0.1))).isEmpty();
  }

  @Test
  void decisionCarriesStepValueAndReason() {
    List<StopDecision> d =
        TerminationPolicy.of(BanditSettings.factor(0.2))
            .decide(Goal.MAXIMIZE, List.of(finished(1, 0.8), running(7, 0.5, 0.6)));
    assertThat(d).containsExactly(new StopDecision(7, 2, 0.6, d.get(0).reason()));
    assertThat(d.get(0).reason()).contains("0.6667").contains("0.8000").contains("slack factor");
  }

  @Test
  void requiresExactlyOneSlack() {
    assertThatThrownBy(() -> new BanditSettings(0.1, 0.1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BanditSettings(null, null, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BanditSettings(0.1, null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
