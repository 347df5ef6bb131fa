package io.hypersweep.operator;

import io.hypersweep.metrics.PushHandler;
import io.hypersweep.metrics.PushRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/** Quarkus adapter: serves {@link PushHandler} on the operator's HTTP port under {@code /v1/}. */
@ApplicationScoped
public class PushRoute {

  void routes(@Observes Router router) {
    router.route().pathRegex("/v1/.*").handler(PushRoute::serve);
  }

  private static void serve(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer();
    // Reads at most one byte past the limit: enough for the handler to refuse it as too large.
    request.handler(
        chunk -> {
          int room = PushRequest.MAX_BODY_BYTES + 1 - body.length();
          if (room > 0) {
            body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
          }
        });
    request.endHandler(
        done -> {
          String auth = request.getHeader("Authorization");
          PushHandler.Response answer =
              MetricsPush.shared()
                  .handler()
                  .handle(
                      request.method().name(),
                      request.path(),
                      auth == null ? Map.of() : Map.of("Authorization", auth),
                      body.getBytes());
          ctx.response()
              .setStatusCode(answer.status())
              .putHeader("Content-Type", "application/json")
              .end(answer.json());
        });
    // The router may have paused the request until a handler wants its body.
    request.resume();
  }
}
