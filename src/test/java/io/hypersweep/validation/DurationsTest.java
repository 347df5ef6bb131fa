package io.hypersweep.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of Go-style duration parsing. */
class DurationsTest {

  @Test
  void parsesGoStyleDurations() {
    assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("20m")).contains(Duration.ofMinutes(20));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("1.5h")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("1m30s500ms")).contains(Duration.ofMillis(90_500));
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad :
        Arrays.asList("", "2 hours", "-1s", "0s", "0h0m", "10d", "1.h", "h", "5", null)) {
      assertThat(Durations.parse(bad)).as("'%s'", bad).isEmpty();
    }
  }

  @Test
  void rejectsDurationsBeyondThirtyYears() {
    for (String huge : List.of("300000h", "99999999999999h")) {
      assertThat(Durations.parse(huge)).as(huge).isEmpty();
    }
    assertThat(Durations.parse("8760h")).contains(Duration.ofDays(365));
  }
}
