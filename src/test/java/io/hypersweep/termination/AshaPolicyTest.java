package io.hypersweep.termination;

import static io.hypersweep.termination.Curves.finished;
import static io.hypersweep.termination.Curves.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.Goal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link AshaPolicy}: rung arithmetic and the top-1/η rule. */
class AshaPolicyTest {

  private static List<Integer> stopped(AshaSettings s, Goal g, TrialCurve... trials) {
    return TerminationPolicy.of(s).decide(g, List.of(trials)).stream()
        .map(StopDecision::number)
        .toList();
  }

  @Test
  void rungsSitAtMinResourceTimesPowersOfEta() {
    AshaPolicy p = new AshaPolicy(AshaSettings.defaults());
    assertThat(List.of(0L, 1L, 2L, 3L, 8L, 9L, 26L, 27L, 80L, 81L).stream().map(p::rungAtOrBelow))
        .containsExactly(-1L, 1L, 1L, 3L, 3L, 9L, 9L, 27L, 27L, 81L);
    assertThat(List.of(1L, 2L, 4L, 10L).stream().map(p::rungAtOrAbove))
        .containsExactly(1L, 3L, 9L, 27L);
    AshaPolicy two = new AshaPolicy(new AshaSettings(2, null, 2));
    assertThat(List.of(1L, 2L, 3L, 4L, 7L, 8L).stream().map(two::rungAtOrBelow))
        .containsExactly(-1L, 2L, 2L, 4L, 4L, 8L);
  }

  @Test
  void rungsAtOrBeyondMaxResourceAreNotJudged() {
    AshaPolicy p = new AshaPolicy(new AshaSettings(1, 27L, 3));
    assertThat(p.rungAtOrBelow(50)).isEqualTo(9);
    assertThat(p.rungAtOrAbove(10)).isEqualTo(Long.MAX_VALUE);
    assertThat(
            stopped(
                new AshaSettings(1, 1L, 3),
                Goal.MAXIMIZE,
                finished(1, 1),
                finished(2, 1),
                running(3, 0)))
        .isEmpty();
  }

  @Test
  void fewerThanEtaValuesContinue() {
    assertThat(stopped(AshaSettings.defaults(), Goal.MAXIMIZE, finished(1, 1), running(2, 0)))
        .isEmpty();
  }

  @Test
  void keepsTheTopThirdAtARung() {
    AshaSettings s = AshaSettings.defaults();
    // three values at rung 1: only the best continues
    assertThat(stopped(s, Goal.MAXIMIZE, running(1, 0.5), running(2, 0.7), running(3, 0.6)))
        .containsExactly(1, 3);
    assertThat(stopped(s, Goal.MINIMIZE, running(1, 0.5), running(2, 0.7), running(3, 0.6)))
        .containsExactly(2, 3);
    // six values at rung 1: the top two continue
    assertThat(
            stopped(
                s,
                Goal.MAXIMIZE,
                running(1, 0.1),
                running(2, 0.2),
                running(3, 0.3),
                running(4, 0.4),
                finished(5, 0.5),
                running(6, 0.6)))
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void judgesAtTheHighestRungReachedWithValuesThere() {
    AshaSettings s = AshaSettings.defaults();
    // trial 4 is at step 4: judged at rung 3 against trials that reached step 3
    TrialCurve a = finished(1, 0, 0, 0.9);
    TrialCurve b = finished(2, 0, 0, 0.8);
    TrialCurve c = finished(3, 0, 0);
    List<StopDecision> d =
        TerminationPolicy.of(s).decide(Goal.MAXIMIZE, List.of(a, b, c, running(4, 1, 1, 0.5, 1)));
    assertThat(d).containsExactly(new StopDecision(4, 3, 0.5, d.get(0).reason()));
    assertThat(stopped(s, Goal.MAXIMIZE, a, b, c, running(4, 0, 0, 0.95, 0))).isEmpty();
  }

  @Test
  void tiesGoToTheLowerTrialNumber() {
    assertThat(
            stopped(
                AshaSettings.defaults(),
                Goal.MAXIMIZE,
                running(3, 0.5),
                running(1, 0.5),
                running(2, 0.5)))
        .containsExactly(2, 3);
  }

  @Test
  void missingRungStepUsesTheLastValueBefore() {
    AshaSettings s = AshaSettings.defaults();
    TrialCurve gap = Curves.sparse(4, true, new long[] {1, 5}, new double[] {0.1, 0.9});
    List<StopDecision> d =
        TerminationPolicy.of(s)
            .decide(Goal.MAXIMIZE, List.of(finished(1, 1, 1, 1), finished(2, 1, 1, 1), gap));
    assertThat(d).containsExactly(new StopDecision(4, 3, 0.1, d.get(0).reason()));
  }
}
