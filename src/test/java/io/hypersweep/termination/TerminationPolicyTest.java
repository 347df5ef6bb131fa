package io.hypersweep.termination;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for every policy: determinism, finished trials, and decisions on thinned curves. */
class TerminationPolicyTest {

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of(BanditSettings.factor(0.1)),
        Arguments.of(BanditSettings.amount(0.05).withSchedule(3, 4)),
        Arguments.of(MedianStoppingSettings.defaults()),
        Arguments.of(new MedianStoppingSettings(2, 1, 3)),
        Arguments.of(TruncationSelectionSettings.defaults()),
        Arguments.of(new TruncationSelectionSettings(40, 4, 2, 3)),
        Arguments.of(AshaSettings.defaults()),
        Arguments.of(new AshaSettings(2, 20L, 2)));
  }

  private static List<TrialCurve> shuffled(List<TrialCurve> trials, Random rnd) {
    List<TrialCurve> out = new ArrayList<>();
    for (TrialCurve t : trials) {
      List<MetricPoint> pts = new ArrayList<>(t.points());
      Collections.shuffle(pts, rnd);
      out.add(new TrialCurve(t.number(), t.running(), pts));
    }
    Collections.shuffle(out, rnd);
    return out;
  }

  @ParameterizedTest
  @MethodSource("settings")
  void shuffledInputGivesTheSameDecisions(TerminationSettings s) {
    TerminationPolicy p = TerminationPolicy.of(s);
    Random rnd = new Random(7);
    int decided = 0;
    for (int round = 0; round < 30; round++) {
      List<TrialCurve> trials = Curves.random(rnd, 25, 30);
      for (Goal g : Goal.values()) {
        List<StopDecision> d = p.decide(g, trials);
        decided += d.size();
        assertThat(p.decide(g, shuffled(trials, rnd))).isEqualTo(d);
        assertThat(d).extracting(StopDecision::number).isSorted();
      }
    }
    assertThat(decided).as("the fixture must make the policy stop something").isPositive();
  }

  @ParameterizedTest
  @MethodSource("settings")
  void onlyRunningTrialsAreStopped(TerminationSettings s) {
    TerminationPolicy p = TerminationPolicy.of(s);
    Random rnd = new Random(11);
    for (int round = 0; round < 30; round++) {
      List<TrialCurve> trials = Curves.random(rnd, 25, 30);
      List<Integer> finished =
          trials.stream().filter(t -> !t.running()).map(TrialCurve::number).toList();
      assertThat(p.decide(Goal.MAXIMIZE, trials))
          .extracting(StopDecision::number)
          .doesNotContainAnyElementsOf(finished);
    }
  }

  @ParameterizedTest
  @MethodSource("settings")
  void keptPointsGiveTheSameDecisions(TerminationSettings s) {
    TerminationPolicy p = TerminationPolicy.of(s);
    Random rnd = new Random(13);
    for (int round = 0; round < 30; round++) {
      List<TrialCurve> trials = Curves.random(rnd, 25, 30);
      for (Goal g : Goal.values()) {
        List<TrialCurve> thin =
            trials.stream()
                .map(t -> new TrialCurve(t.number(), t.running(), p.pointsToKeep(g, t.points())))
                .toList();
        assertThat(p.decide(g, thin)).isEqualTo(p.decide(g, trials));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("settings")
  void factoryBuildsThePolicyForTheSettings(TerminationSettings s) {
    String expected = s.getClass().getSimpleName().replace("Settings", "Policy");
    assertThat(TerminationPolicy.of(s).getClass().getSimpleName()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void keptPointsAreBoundedByEvaluationSteps() {
    List<MetricPoint> pts = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      pts.add(new MetricPoint(i, Math.sin(i)));
    }
    TerminationPolicy bandit = TerminationPolicy.of(BanditSettings.factor(0.1).withSchedule(10, 0));
    assertThat(bandit.pointsToKeep(Goal.MAXIMIZE, pts)).hasSizeLessThanOrEqualTo(11);
    TerminationPolicy asha = TerminationPolicy.of(AshaSettings.defaults());
    // rungs 1, 3, 9, 27, 81 and the window past 81
    assertThat(asha.pointsToKeep(Goal.MAXIMIZE, pts))
        .extracting(MetricPoint::step)
        .containsExactly(1L, 3L, 9L, 27L, 81L, 100L);
    TerminationPolicy median = TerminationPolicy.of(MedianStoppingSettings.defaults());
    assertThat(median.pointsToKeep(Goal.MAXIMIZE, pts)).hasSize(100);
  }
}
