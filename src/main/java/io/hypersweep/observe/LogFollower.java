package io.hypersweep.observe;

import io.hypersweep.metrics.MetricLineParser;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.metrics.TrialMetrics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observe: follows running trials' logs incrementally, keeping each pod's read position (last
 * timestamp and how many lines carried it) and metrics in operator memory.
 *
 * <p>Losing this state (a restart, an eviction) only costs a re-read from the start of the log: the
 * points it yields are the same, and the status curve they merge into never loses a point.
 */
public final class LogFollower {

  /** Reads a container's log with timestamps from {@code sinceTime} (null: from the start). */
  public interface Source {
    Optional<String> read(
        String namespace, String pod, String container, String sinceTime, int limitBytes);
  }

  /** Bytes read per poll: a chatty trainer is caught up over several polls, not in one read. */
  public static final int LIMIT_BYTES = 4 << 20;

  /** Pods followed at once; the least recently read is forgotten first. */
  static final int MAX_PODS = 10_000;

  private static final class Position {
    Instant last;
    int seenAtLast;
    final TrialMetrics metrics;

    Position(String metric) {
      this.metrics = new TrialMetrics(metric);
    }
  }

  private final MetricLineParser parser = MetricLineParser.keyValue();
  private final Map<String, Position> positions =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Position> eldest) {
          return size() > MAX_PODS;
        }
      };

  /**
   * Reads what the container logged since the previous call and returns the objective's points seen
   * so far (bounded by {@link TrialMetrics}); empty when the log cannot be had.
   */
  public synchronized List<MetricPoint> follow(
      Source source, String namespace, String pod, String container, String metric) {
    String key = namespace + "/" + pod + "/" + container;
    Position at = positions.computeIfAbsent(key, k -> new Position(metric));
    // The API takes sinceTime at second precision; lines already seen are skipped below.
    String since = at.last == null ? null : at.last.truncatedTo(ChronoUnit.SECONDS).toString();
    Optional<String> log = source.read(namespace, pod, container, since, LIMIT_BYTES);
    log.ifPresent(text -> consume(at, text));
    return at.metrics.objectiveSeries();
  }

  /** Forgets a pod whose trial finished. */
  public synchronized void forget(String namespace, String pod, String container) {
    positions.remove(namespace + "/" + pod + "/" + container);
  }

  private void consume(Position at, String text) {
    int complete = text.lastIndexOf('\n');
    // A partial last line (limitBytes, or a line still being written) is read again next time,
    // unless it is all there is: then it is one over-long line, taken as it is.
    String usable =
        complete >= 0 ? text.substring(0, complete) : text.length() >= LIMIT_BYTES ? text : "";
    if (usable.isEmpty()) {
      return;
    }
    int seenAtSame = 0;
    for (String line : usable.split("\n", -1)) {
      int space = line.indexOf(' ');
      Instant ts = parse(space < 0 ? line : line.substring(0, space));
      if (ts == null) {
        continue;
      }
      if (at.last != null && ts.isBefore(at.last)) {
        continue;
      }
      if (at.last != null && ts.equals(at.last)) {
        seenAtSame++;
        if (seenAtSame <= at.seenAtLast) {
          continue;
        }
        at.seenAtLast++;
      } else {
        at.last = ts;
        at.seenAtLast = 1;
        seenAtSame = 1;
      }
      at.metrics.addLine(parser, space < 0 ? "" : line.substring(space + 1));
    }
  }

  private static Instant parse(String token) {
    try {
      return Instant.parse(token);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
