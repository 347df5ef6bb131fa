package io.hypersweep.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypersweep.api.HyperparameterSweep;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only dashboard without a server: a method and a path in, a status, headers and a body
 * out, so Quarkus and the tests serve the same pages. Data comes from the operator's cache only.
 */
public final class DashboardHandler {
  /** Everything the dashboard serves starts with this. */
  public static final String PREFIX = "/dashboard";

  /**
   * Scripts only from this origin and no inline script; ECharts sets inline styles on its tooltips,
   * so styles may be inline (they cannot run code).
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static final Pattern SWEEP =
      Pattern.compile(
          "^/api/namespaces/([a-z0-9][a-z0-9.-]{0,252})/sweeps/([a-z0-9][a-z0-9.-]{0,252})$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer; {@code body} is empty for HEAD. */
  public record Response(int status, Map<String, String> headers, byte[] body) {}

  private final Supplier<List<HyperparameterSweep>> sweeps;
  private final SweepEventLog events;
  private final Clock clock;
  private final DashboardAssets assets;

  /** {@code sweeps} is asked on every API request; it must read a cache, not the API server. */
  public DashboardHandler(
      Supplier<List<HyperparameterSweep>> sweeps, SweepEventLog events, Clock clock) {
    this.sweeps = sweeps;
    this.events = events;
    this.clock = clock;
    this.assets = new DashboardAssets(DashboardHandler.class.getClassLoader());
  }

  /** Handles one request for {@code path} (without the query string). */
  public Response handle(String method, String path) {
    if (path == null || !(path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
      return text(404, "not found");
    }
    boolean head = "HEAD".equalsIgnoreCase(method);
    if (!head && !"GET".equalsIgnoreCase(method)) {
      Response r = text(405, "the dashboard is read-only: use GET");
      r.headers().put("Allow", "GET, HEAD");
      return r;
    }
    Response r = route(path.substring(PREFIX.length()));
    return head ? new Response(r.status(), r.headers(), new byte[0]) : r;
  }

  private Response route(String rest) {
    if (rest.isEmpty()) {
      // Relative, so the page also works behind a proxy that mounts it under another prefix.
      Response r = text(308, "see dashboard/");
      r.headers().put("Location", "dashboard/");
      return r;
    }
    if (rest.equals("/api/sweeps")) {
      return json(200, SweepViews.list(sweeps.get(), clock.instant()));
    }
    Matcher m = SWEEP.matcher(rest);
    if (m.matches()) {
      Optional<HyperparameterSweep> sweep = find(m.group(1), m.group(2));
      if (sweep.isEmpty()) {
        return json(404, message("no sweep " + m.group(1) + "/" + m.group(2)));
      }
      return json(
          200,
          SweepViews.detail(
              sweep.get(), events.events(m.group(1), m.group(2)), events.since(), clock.instant()));
    }
    if (rest.startsWith("/api/")) {
      return json(404, message("no such endpoint"));
    }
    String name = rest.equals("/") ? "index.html" : rest.substring(1);
    return assets
        .find(name)
        .map(a -> respond(200, a.contentType(), a.bytes(), "no-cache"))
        .orElseGet(() -> text(404, "not found"));
  }

  private Optional<HyperparameterSweep> find(String namespace, String name) {
    return sweeps.get().stream()
        .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst();
  }

  private static ObjectNode message(String text) {
    return JSON.createObjectNode().put("message", text);
  }

  private static Response json(int status, ObjectNode body) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(body);
      return respond(status, "application/json; charset=utf-8", bytes, "no-store");
    } catch (JsonProcessingException e) {
      String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(e.getMessage()));
      return respond(
          500,
          "application/json; charset=utf-8",
          ("{\"message\":\"" + quoted + "\"}").getBytes(StandardCharsets.UTF_8),
          "no-store");
    }
  }

  private static Response text(int status, String body) {
    return respond(
        status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), "no-store");
  }

  private static Response respond(int status, String type, byte[] body, String cache) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", type);
    headers.put("Cache-Control", cache);
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    return new Response(status, headers, body);
  }
}
