package io.hypersweep.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.dashboard.DashboardHandler;
import io.hypersweep.operator.MetricsPush;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/**
 * The Quarkus application of local mode: applies the sweep and prints its trials until done, then,
 * with {@code --serve}, keeps the dashboard up until the process is stopped.
 */
public class LocalSweepApp implements QuarkusApplication {
  private static final long POLL_MILLIS = 1000;

  @Inject Operator operator;

  @Override
  public int run(String... args) throws Exception {
    LocalSession session = LocalMode.session;
    // Quarkus publishes the port it actually bound (quarkus.http.port=0 picks a free one).
    String port = System.getProperty("quarkus.http.port");
    if (port != null && !port.equals("0")) {
      MetricsPush.shared().setBaseUrl("http://127.0.0.1:" + port);
    }
    String dashboard = "Dashboard: " + dashboardUrl(port);
    session.out.println(dashboard);
    session.out.flush();
    operator.start();
    KubernetesClient client = session.cluster.client();
    HyperparameterSweep applied = client.resource(session.sweep).create();
    String ns = applied.getMetadata().getNamespace();
    String name = applied.getMetadata().getName();
    boolean tty = System.console() != null;
    String last = "";
    while (true) {
      HyperparameterSweep current =
          client.resources(HyperparameterSweep.class).inNamespace(ns).withName(name).get();
      String table = TrialTable.render(current);
      if (!table.equals(last)) {
        // A terminal is cleared for each table, so the URL is printed again above it.
        session.out.print(
            tty
                ? "\033[H\033[2J" + dashboard + System.lineSeparator() + table
                : table + System.lineSeparator());
        session.out.flush();
        last = table;
      }
      SweepPhase phase = current.getStatus() == null ? null : current.getStatus().phase;
      if (phase == SweepPhase.Invalid) {
        session.err.println("invalid sweep: " + current.getStatus().message);
        if (session.serve) {
          Quarkus.waitForExit();
        }
        return 2;
      }
      if (phase != null && phase.isFinal()) {
        session.out.println(Summary.of(current));
        int code = phase == SweepPhase.Succeeded ? 0 : 1;
        if (session.serve) {
          session.out.println(dashboard + " (still serving; press Ctrl-C to stop)");
          session.out.flush();
          Quarkus.waitForExit();
        }
        return code;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The dashboard's address on the host and port Quarkus bound. */
  static String dashboardUrl(String port) {
    String host = System.getProperty("quarkus.http.host", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port + DashboardHandler.PREFIX + "/";
  }
}
