package io.hypersweep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.planning.SweepEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the bounded per-sweep event ring the dashboard shows. */
class SweepEventLogTest {
  private final SweepEventLog log =
      new SweepEventLog(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

  private static List<SweepEvent> events(int from, int to) {
    List<SweepEvent> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new SweepEvent(i % 2 == 0, "R" + i, "m" + i));
    }
    return out;
  }

  @Test
  void keepsTheLastHundredEventsPerSweepOldestFirst() {
    log.record("ns", "a", "u1", events(0, 60));
    log.record("ns", "a", "u1", events(60, 130));
    log.record("ns", "b", "u2", events(0, 3));

    List<SweepEventLog.Entry> a = log.events("ns", "a");
    assertThat(a).hasSize(SweepEventLog.PER_SWEEP);
    assertThat(a.get(0).reason()).isEqualTo("R30");
    assertThat(a.get(a.size() - 1).reason()).isEqualTo("R129");
    assertThat(a.get(0).warning()).isTrue();
    assertThat(a.get(1).warning()).isFalse();
    assertThat(log.events("ns", "b"))
        .extracting(SweepEventLog.Entry::message)
        .containsExactly("m0", "m1", "m2");
    assertThat(log.events("other", "a")).isEmpty();
  }

  @Test
  void aRecreatedSweepStartsAFreshRing() {
    log.record("ns", "a", "u1", events(0, 5));
    log.record("ns", "a", "u2", events(5, 7));

    assertThat(log.events("ns", "a"))
        .extracting(SweepEventLog.Entry::reason)
        .containsExactly("R5", "R6");
  }

  @Test
  void forgetsTheSweepWrittenToLeastRecentlyBeyondTheCap() {
    for (int i = 0; i <= SweepEventLog.MAX_SWEEPS; i++) {
      log.record("ns", "s" + i, "u", events(0, 1));
      if (i == 10) {
        log.record("ns", "s0", "u", events(1, 2)); // s0 written again: s1 is now the oldest
      }
    }
    assertThat(log.events("ns", "s0")).hasSize(2);
    assertThat(log.events("ns", "s1")).isEmpty();
    assertThat(log.events("ns", "s2")).hasSize(1);
  }
}
