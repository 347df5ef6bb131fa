package io.hypersweep.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.local.PodLogStore;
import io.hypersweep.metrics.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of incremental log reading against the local pods/log store. */
class LogFollowerTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00.250Z");

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();
  final PodLogStore store = new PodLogStore(clock);
  final List<String> sinceTimes = new ArrayList<>();
  final LogFollower.Source source =
      (ns, pod, container, since, limit) -> {
        sinceTimes.add(since);
        return Optional.ofNullable(
            store.read(
                ns,
                pod,
                container,
                new PodLogStore.Query(
                    null, true, since == null ? null : Instant.parse(since), limit)));
      };
  final LogFollower follower = new LogFollower();

  List<MetricPoint> follow() {
    return follower.follow(source, "ns", "p", "c", "score");
  }

  @Test
  void readsOnlyNewLinesAndNeverCountsALineTwice() {
    store.append("ns", "p", "c", "step=1 score=0.1");
    store.append("ns", "p", "c", "step=2 score=0.2"); // same timestamp as step 1
    assertThat(follow()).containsExactly(new MetricPoint(1, 0.1), new MetricPoint(2, 0.2));

    store.append("ns", "p", "c", "step=3 score=0.3"); // still the same timestamp
    clock.now = T0.plusMillis(500);
    store.append("ns", "p", "c", "no metrics here");
    store.append("ns", "p", "c", "step=4 score=0.4");
    assertThat(follow())
        .containsExactly(
            new MetricPoint(1, 0.1),
            new MetricPoint(2, 0.2),
            new MetricPoint(3, 0.3),
            new MetricPoint(4, 0.4));
    // The second read asked from the last timestamp's second, not from the start.
    assertThat(sinceTimes).containsExactly(null, "2025-01-01T00:00:00Z");
    assertThat(follow()).hasSize(4);
  }

  @Test
  void aPartialLastLineWaitsUntilItIsComplete() {
    List<String> answers =
        new ArrayList<>(
            List.of(
                "2025-01-01T00:00:01Z step=1 score=0.5\n2025-01-01T00:00:02Z step=2 sc",
                "2025-01-01T00:00:02Z step=2 score=0.6\n"));
    LogFollower.Source partial =
        (ns, pod, container, since, limit) -> Optional.of(answers.remove(0));
    assertThat(follower.follow(partial, "ns", "p", "c", "score"))
        .containsExactly(new MetricPoint(1, 0.5));
    assertThat(follower.follow(partial, "ns", "p", "c", "score"))
        .containsExactly(new MetricPoint(1, 0.5), new MetricPoint(2, 0.6));
  }

  @Test
  void forgettingAPodRereadsItFromTheStartWithTheSameResult() {
    store.append("ns", "p", "c", "step=1 score=0.1");
    clock.now = T0.plusSeconds(2);
    store.append("ns", "p", "c", "step=2 score=0.2");
    List<MetricPoint> first = follow();
    follower.forget("ns", "p", "c");
    assertThat(follow()).isEqualTo(first);
  }

  @Test
  void theStoreHonoursSinceTimeTimestampsTailLinesAndLimitBytes() {
    store.append("ns", "p", "c", "a");
    clock.now = T0.plusSeconds(1);
    store.append("ns", "p", "c", "b");
    assertThat(store.read("ns", "p", "c", 1)).isEqualTo("b\n");
    assertThat(
            store.read("ns", "p", "c", new PodLogStore.Query(null, true, T0.plusMillis(1), null)))
        .isEqualTo("2025-01-01T00:00:01.250Z b\n");
    assertThat(store.read("ns", "p", "c", new PodLogStore.Query(null, false, null, 3)))
        .isEqualTo("a\nb");
  }
}
