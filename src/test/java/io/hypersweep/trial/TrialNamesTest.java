package io.hypersweep.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Unit tests of trial Job names. */
class TrialNamesTest {

  @Test
  void jobNameIsSweepDashNumber() {
    assertThat(TrialNames.jobName("demo", 3)).isEqualTo("demo-3");
    assertThat(TrialNames.jobName("my-sweep", 120)).isEqualTo("my-sweep-120");
  }

  @Test
  void trialNumberRoundTrips() {
    for (String sweep : new String[] {"demo", "my-sweep", "a-1"}) {
      for (int n : new int[] {1, 2, 9, 10, 99, 1000, 10000}) {
        assertThat(TrialNames.trialNumber(sweep, TrialNames.jobName(sweep, n)))
            .as("%s trial %d", sweep, n)
            .isEqualTo(OptionalInt.of(n));
      }
    }
  }

  @Test
  void foreignNamesAreRejected() {
    for (String name :
        Arrays.asList(
            null,
            "demo",
            "demo-",
            "demo-0",
            "demo--1",
            "demo-x",
            "demo-1x",
            "demo-1-2",
            "other-3",
            "demox-3",
            "xdemo-3",
            "demo-99999999999")) {
      assertThat(TrialNames.trialNumber("demo", name)).as("%s", name).isEmpty();
    }
  }

  @Test
  void onlyTheCanonicalSpellingOfANumberIsATrialName() {
    // jobName never writes these, so a Job so named was not created by the operator.
    for (String name : new String[] {"demo-03", "demo-+3", "demo-0003"}) {
      assertThat(TrialNames.trialNumber("demo", name)).as(name).isEmpty();
    }
  }

  @Test
  void trialsOfASweepWhoseNameExtendsAnotherAreNotConfused() {
    // Sweep "demo-1" trial 2 is Job "demo-1-2": not a trial of sweep "demo".
    assertThat(TrialNames.trialNumber("demo", TrialNames.jobName("demo-1", 2))).isEmpty();
    assertThat(TrialNames.trialNumber("demo-1", TrialNames.jobName("demo", 12))).isEmpty();
  }
}
