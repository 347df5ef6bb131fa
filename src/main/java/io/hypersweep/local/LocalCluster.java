package io.hypersweep.local;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * An embedded Kubernetes API (the fabric8 test server in CRUD mode) with the sweep CRD registered
 * and a pods/log endpoint: the cluster of local mode and of the tests.
 */
public final class LocalCluster implements AutoCloseable {
  public static final String CRD_RESOURCE = "/crds/hyperparametersweeps.hypersweep.io-v1.yml";

  /**
   * The test server logs every request at INFO from its only event-loop thread, which slows every
   * answer under load and buries the operator's own log; held here so the level sticks.
   */
  private static final java.util.logging.Logger REQUEST_LOG = quietRequestLog();

  private final KubernetesMockServer server;
  private final PodLogStore logs;
  private final KubernetesClient client;
  private final FaultInjector faults;

  private LocalCluster(KubernetesMockServer server, PodLogStore logs, FaultInjector faults) {
    this.server = server;
    this.logs = logs;
    this.faults = faults;
    this.client = server.createClient();
  }

  /** Starts a cluster on a free loopback port. */
  public static LocalCluster start() {
    return start(FaultInjector.off());
  }

  /**
   * Starts a cluster whose API server injects {@code faults} into the requests of the client that
   * identifies itself with {@link FaultInjector#TARGET_AGENT}.
   */
  public static LocalCluster start(FaultInjector faults) {
    PodLogStore logs = new PodLogStore();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new LocalApiDispatcher(logs, faults),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    LocalCluster cluster = new LocalCluster(server, logs, faults);
    cluster.registerCrd();
    return cluster;
  }

  private static java.util.logging.Logger quietRequestLog() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  private void registerCrd() {
    try (InputStream in = LocalCluster.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + CRD_RESOURCE + " is missing from the classpath");
      }
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of this cluster; share it, it is thread-safe. */
  public KubernetesClient client() {
    return client;
  }

  /** The API server URL, for a client configured elsewhere (e.g. the Quarkus operator). */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  public PodLogStore logs() {
    return logs;
  }

  public FaultInjector faults() {
    return faults;
  }

  @Override
  public void close() {
    faults.close();
    client.close();
    server.destroy();
  }
}
