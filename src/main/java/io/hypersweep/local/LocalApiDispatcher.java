package io.hypersweep.local;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's CRUD dispatcher plus the pods/log endpoint, which the test server lacks and the
 * local executor feeds, behind a {@link FaultInjector} (off unless a test installs one).
 */
final class LocalApiDispatcher extends KubernetesCrudDispatcher {
  private static final Pattern LOG_PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?$");

  private final PodLogStore logs;
  private final FaultInjector faults;

  LocalApiDispatcher(PodLogStore logs, FaultInjector faults) {
    super(List.of());
    this.logs = logs;
    this.faults = faults;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    return faults.handle(request, this::serve);
  }

  private MockResponse serve(RecordedRequest request) {
    Matcher m = LOG_PATH.matcher(request.getPath());
    if (m.matches() && "GET".equalsIgnoreCase(request.getMethod())) {
      return podLog(m.group(1), m.group(2), query(m.group(3)));
    }
    return super.dispatch(request);
  }

  private MockResponse podLog(String namespace, String pod, Map<String, String> query) {
    PodLogStore.Query q;
    try {
      q =
          new PodLogStore.Query(
              integer(query.get("tailLines")),
              "true".equals(query.get("timestamps")),
              query.containsKey("sinceTime")
                  ? OffsetDateTime.parse(query.get("sinceTime")).toInstant()
                  : null,
              integer(query.get("limitBytes")));
    } catch (NumberFormatException | DateTimeParseException e) {
      return new MockResponse().setResponseCode(400).setBody("bad query: " + e.getMessage());
    }
    String body = logs.read(namespace, pod, query.get("container"), q);
    if (body == null) {
      return new MockResponse()
          .setResponseCode(404)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                  + "\"reason\":\"NotFound\",\"code\":404,\"message\":\"no log for pod "
                  + pod
                  + "\"}");
    }
    return new MockResponse().setResponseCode(200).setBody(body);
  }

  private static Integer integer(String text) {
    return text == null ? null : Integer.valueOf(text);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
