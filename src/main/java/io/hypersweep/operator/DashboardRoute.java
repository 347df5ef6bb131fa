package io.hypersweep.operator;

import io.hypersweep.dashboard.DashboardHandler;
import io.hypersweep.dashboard.SweepEventLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Quarkus adapter: serves {@link DashboardHandler} on the operator's HTTP port. */
@ApplicationScoped
public class DashboardRoute {
  private static final DashboardHandler HANDLER =
      new DashboardHandler(
          SweepCatalog.shared()::sweeps, SweepEventLog.shared(), Clock.systemUTC());

  void routes(@Observes Router router) {
    // A worker thread: a large sweep's JSON takes longer than an event-loop turn should.
    router
        .route()
        .pathRegex(DashboardHandler.PREFIX + "(/.*)?")
        .blockingHandler(DashboardRoute::serve, false);
  }

  private static void serve(RoutingContext ctx) {
    DashboardHandler.Response answer =
        HANDLER.handle(ctx.request().method().name(), ctx.request().path());
    HttpServerResponse response = ctx.response().setStatusCode(answer.status());
    answer.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(answer.body()));
  }
}
