package io.hypersweep.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics push endpoint without a server: {@code POST
 * /v1/namespaces/{ns}/sweeps/{sweep}/trials/{n}/metrics} with {@code Authorization: Bearer TOKEN}
 * in, a status code and a JSON message out, so Quarkus and the tests serve the same logic.
 */
public final class PushHandler {
  /** The endpoint's path; names and the trial number are checked, not just matched. */
  public static final Pattern PATH =
      Pattern.compile("^/v1/namespaces/([^/]+)/sweeps/([^/]+)/trials/([0-9]{1,9})/metrics/?$");

  /** The answer: an HTTP status and a small JSON body. */
  public record Response(int status, String json) {
    static Response of(int status, String message) {
      String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(message));
      return new Response(status, "{\"status\":" + status + ",\"message\":\"" + quoted + "\"}");
    }
  }

  private final Supplier<PushTokens> tokens;
  private final TrialRegistry registry;
  private final PushInbox inbox;

  /** {@code tokens} is asked on every request, so the key can be loaded after startup. */
  public PushHandler(Supplier<PushTokens> tokens, TrialRegistry registry, PushInbox inbox) {
    this.tokens = tokens;
    this.registry = registry;
    this.inbox = inbox;
  }

  /**
   * Handles one request; {@code headers} are looked up ignoring case and {@code body} may be cut
   * off by the server past {@link PushRequest#MAX_BODY_BYTES} (it is refused either way).
   */
  public Response handle(String method, String path, Map<String, String> headers, byte[] body) {
    Matcher m = path == null ? null : PATH.matcher(path);
    if (m == null || !m.matches()) {
      return Response.of(404, "no such endpoint");
    }
    if (!"POST".equalsIgnoreCase(method)) {
      return Response.of(405, "use POST");
    }
    String ns = m.group(1);
    String sweep = m.group(2);
    int number = Integer.parseInt(m.group(3));
    String token = bearer(headers);
    if (token == null) {
      return Response.of(401, "missing Authorization: Bearer token");
    }
    var known = registry.find(ns, sweep);
    if (known.isEmpty()) {
      return Response.of(404, "no sweep " + ns + "/" + sweep + " known to this operator");
    }
    // The token decides before the trial's state does, so a caller without one learns nothing.
    if (!tokens.get().verify(ns, sweep, known.get().uid(), number, token)) {
      return Response.of(401, "the token is not valid for this trial");
    }
    switch (known.get().trial(number)) {
      case UNKNOWN:
        return Response.of(404, "sweep " + sweep + " has no trial " + number);
      case FINISHED:
        return Response.of(409, "trial " + number + " has already finished");
      default:
        break;
    }
    MetricReport report;
    try {
      report = PushRequest.parse(body);
    } catch (PushRequest.Invalid e) {
      return Response.of(400, e.getMessage());
    }
    inbox.offer(ns, sweep, number, report);
    return Response.of(202, "accepted " + report.values().size() + " metric(s)");
  }

  private static String bearer(Map<String, String> headers) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if ("Authorization".equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
        String v = h.getValue().trim();
        if (v.regionMatches(true, 0, "Bearer ", 0, 7) && v.length() > 7) {
          return v.substring(7).trim();
        }
      }
    }
    return null;
  }
}
