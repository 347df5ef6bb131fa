package io.hypersweep.local;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Faults of the embedded API server for one client, told apart by its User-Agent: a seeded fraction
 * of its requests is answered 500, 409, 429, with a broken connection or late, its watch streams
 * are cut, and a {@link KillPoint} can cut it off after a chosen request. Local mode and the
 * default test cluster use {@link #off()}, which passes every request through untouched.
 */
public final class FaultInjector implements AutoCloseable {
  /** The User-Agent of the client whose requests may be faulted (the operator's, in tests). */
  public static final String TARGET_AGENT = "hypersweep-operator-under-faults";

  /** What was done to a request. */
  public enum Kind {
    STATUS_500,
    CONFLICT_409,
    THROTTLE_429,
    DROPPED,
    DELAYED,
    WATCH_DROP,
    WATCH_GONE_410,
    KILL_REFUSED
  }

  /**
   * @param seed seed of the fault choices
   * @param rate fraction of the client's requests (watches aside) that get a fault
   * @param delayShare fraction of those faults that are delays rather than errors
   * @param delay how late a delayed answer comes
   * @param watchDropEvery how often one of the client's open watches is cut (null: never)
   */
  public record Settings(
      long seed, double rate, double delayShare, Duration delay, Duration watchDropEvery) {}

  /** A request the client made that the server carried out, with the answer's status code. */
  public record ApiCall(String agent, String method, String path, String body, int code) {
    /** The resource type called, with its subresource: "jobs", "hyperparametersweeps/status". */
    public String resource() {
      return FaultInjector.resource(path);
    }
  }

  private final Settings settings;
  private final SplittableRandom random;
  private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, AtomicLong> byTarget = new java.util.concurrent.ConcurrentHashMap<>();
  private final WatchCutter watches;
  private volatile KillPoint killPoint;
  private final Set<String> cutOff = ConcurrentHashMap.newKeySet();
  private final Kind only;

  private FaultInjector(Settings settings, Kind only) {
    this.settings = settings;
    this.only = only;
    this.random = new SplittableRandom(settings.seed());
    for (Kind k : Kind.values()) {
      counts.put(k, new AtomicLong());
    }
    this.watches =
        new WatchCutter(
            settings.watchDropEvery(),
            settings.seed() + 1,
            () -> counts.get(Kind.WATCH_DROP).incrementAndGet());
  }

  /** No faults: every request is served as the test server serves it. */
  public static FaultInjector off() {
    return new FaultInjector(new Settings(0, 0, 0, Duration.ZERO, null), null);
  }

  public static FaultInjector with(Settings settings) {
    return new FaultInjector(settings, null);
  }

  /** Every eligible request of the client gets {@code kind} (for tests of one fault). */
  static FaultInjector always(Kind kind, Duration delay) {
    return new FaultInjector(new Settings(0, 1, 0, delay, null), kind);
  }

  /**
   * Arms a kill point that fires after the first carried-out request of the client matching {@code
   * trigger}; it replaces any earlier one that has not fired.
   */
  public KillPoint killAfter(Predicate<ApiCall> trigger) {
    KillPoint point = new KillPoint(trigger);
    killPoint = point;
    return point;
  }

  /** Refuses every later request from {@code agent}, as if its process had died now. */
  public void cutOff(String agent) {
    cutOff.add(agent);
  }

  /** Requests of the faulted client seen so far. */
  public long requests() {
    return requests.get();
  }

  /** Faults injected so far, by kind. */
  public Map<Kind, Long> faults() {
    Map<Kind, Long> out = new EnumMap<>(Kind.class);
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Faults injected so far by what they hit, e.g. {@code "POST jobs"} or {@code "PUT
   * hyperparametersweeps/status"}, watch cuts aside.
   */
  public Map<String, Long> faultsByTarget() {
    Map<String, Long> out = new java.util.TreeMap<>();
    byTarget.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  MockResponse handle(RecordedRequest request, Function<RecordedRequest, MockResponse> server) {
    String agent = request.getHeader("User-Agent");
    if (agent == null || !agent.startsWith(TARGET_AGENT)) {
      return server.apply(request);
    }
    requests.incrementAndGet();
    if (cutOff.contains(agent)) {
      count(Kind.KILL_REFUSED);
      return status(403, "Forbidden", "cut off by a kill point");
    }
    if (isWatch(request.getPath())) {
      if (watches.owesGone(request.getPath())) {
        count(Kind.WATCH_GONE_410);
        return status(410, "Expired", "too old resource version");
      }
      return watches.track(server.apply(request), request.getPath());
    }
    Kind fault = choose(request.getMethod());
    if (fault == null) {
      return carryOut(request, server);
    }
    count(fault);
    byTarget
        .computeIfAbsent(
            request.getMethod() + " " + resource(request.getPath()), k -> new AtomicLong())
        .incrementAndGet();
    return switch (fault) {
      case STATUS_500 -> status(500, "InternalError", "injected server error");
      case THROTTLE_429 ->
          status(429, "TooManyRequests", "injected throttling").setHeader("Retry-After", "1");
      case CONFLICT_409 -> conflict(request, server);
      case DROPPED -> dropped(request, server);
      case DELAYED -> carryOut(request, server).setBodyDelay(settings.delay());
      default -> throw new IllegalStateException(fault.name());
    };
  }

  private synchronized Kind choose(String method) {
    if (settings.rate() <= 0 || random.nextDouble() >= settings.rate()) {
      return null;
    }
    if (only != null) {
      return only != Kind.CONFLICT_409 || isWrite(method) ? only : null;
    }
    if (random.nextDouble() < settings.delayShare()) {
      return Kind.DELAYED;
    }
    List<Kind> kinds = new ArrayList<>(List.of(Kind.STATUS_500, Kind.THROTTLE_429, Kind.DROPPED));
    if (isWrite(method)) {
      kinds.add(Kind.CONFLICT_409);
    }
    return kinds.get(random.nextInt(kinds.size()));
  }

  /**
   * A conflict as the API server gives it: a create answered AlreadyExists because the object is
   * there (as when an earlier attempt of the same create got through), an update answered Conflict
   * because another client changed the object first (an annotation is touched to make that true).
   */
  private MockResponse conflict(
      RecordedRequest request, Function<RecordedRequest, MockResponse> server) {
    if ("POST".equalsIgnoreCase(request.getMethod())) {
      MockResponse created = carryOut(request, server);
      return created.code() / 100 == 2
          ? status(409, "AlreadyExists", "injected: the object already exists")
          : created;
    }
    server.apply(touch(request.getPath()));
    return status(409, "Conflict", "injected: the object has been modified");
  }

  /**
   * An answer the client cannot read, as when the connection breaks: half the time before the
   * server carried the request out and half the time after. The test server cannot reset a
   * connection, so the answer carries two different Content-Length headers, which the client's HTTP
   * parser rejects; like a reset connection, that fails the request without a status code.
   */
  private MockResponse dropped(
      RecordedRequest request, Function<RecordedRequest, MockResponse> server) {
    boolean afterCommit;
    synchronized (this) {
      afterCommit = random.nextBoolean();
    }
    MockResponse answer =
        afterCommit
            ? carryOut(request, server)
            : new MockResponse().setResponseCode(200).setBody("{}");
    if (answer.getBody() == null || answer.getBody().size() == 0) {
      answer.setBody("{}");
    }
    return answer.addHeader("Content-Length", "1");
  }

  private MockResponse carryOut(
      RecordedRequest request, Function<RecordedRequest, MockResponse> server) {
    KillPoint point = killPoint;
    // Read before the server does: reading the request's body consumes it.
    String body =
        point == null || request.getBody() == null
            ? null
            : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    MockResponse answer = server.apply(request);
    if (point != null && answer.code() / 100 == 2) {
      String agent = request.getHeader("User-Agent");
      if (point.fires(
          new ApiCall(agent, request.getMethod(), request.getPath(), body, answer.code()))) {
        cutOff.add(agent);
      }
    }
    return answer;
  }

  private static RecordedRequest touch(String path) {
    String object = path.replaceFirst("\\?.*$", "").replaceFirst("/status$", "");
    String patch =
        "{\"metadata\":{\"annotations\":{\"faults.hypersweep.io/touched\":\""
            + System.nanoTime()
            + "\"}}}";
    return new RecordedRequest(
        "HTTP/1.1",
        HttpMethod.PATCH,
        object,
        Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
        new Buffer(patch.getBytes(StandardCharsets.UTF_8)));
  }

  private void count(Kind kind) {
    counts.get(kind).incrementAndGet();
  }

  /** The resource type a path names, with its subresource: "jobs", "pods/log", "x/status". */
  static String resource(String path) {
    String[] parts = path.replaceFirst("\\?.*$", "").split("/");
    int ns = java.util.Arrays.asList(parts).indexOf("namespaces");
    if (ns < 0 || parts.length <= ns + 2) {
      return parts[parts.length - 1];
    }
    String type = parts[ns + 2];
    return parts.length > ns + 4 ? type + "/" + parts[ns + 4] : type;
  }

  private static boolean isWrite(String method) {
    return "POST".equalsIgnoreCase(method)
        || "PUT".equalsIgnoreCase(method)
        || "PATCH".equalsIgnoreCase(method);
  }

  static boolean isWatch(String path) {
    return path.contains("watch=true") || path.contains("watch=1");
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
                + reason
                + "\",\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\"}");
  }

  @Override
  public void close() {
    watches.close();
  }
}
