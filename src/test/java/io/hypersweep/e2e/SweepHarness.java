package io.hypersweep.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.local.FaultInjector;
import io.hypersweep.local.LocalCluster;
import io.hypersweep.local.LocalExecutor;
import io.hypersweep.metrics.PushHandler;
import io.hypersweep.metrics.PushRequest;
import io.hypersweep.operator.HyperparameterSweepReconciler;
import io.hypersweep.operator.MetricsPush;
import io.hypersweep.trial.TrialLabels;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.List;

/**
 * A test cluster: the embedded API server, the local executor with a fake trainer, and the
 * operator's reconciler in a JOSDK operator that a test can stop and start again.
 */
final class SweepHarness implements AutoCloseable {
  static final String NS = "default";

  final LocalCluster cluster;
  final FakeTrainer trainer;

  private final FaultInjector faults;

  /**
   * The clients of the operator's incarnations: each has its own User-Agent, so the API server can
   * fault only the operator's requests and cut off a stopped incarnation for good.
   */
  private final List<KubernetesClient> operatorClients = new java.util.ArrayList<>();

  private String operatorAgent;

  private final LocalExecutor executor;
  private final Metrics metrics;
  private Operator operator;
  private com.sun.net.httpserver.HttpServer pushServer;

  private final java.util.Map<String, Integer> maxActiveJobs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final io.fabric8.kubernetes.client.informers.SharedIndexInformer<Job> jobWatch;

  SweepHarness(FakeTrainer trainer) throws Exception {
    this(trainer, FaultInjector.off(), Metrics.NOOP);
  }

  /** The same, with the operator reporting to {@code metrics}, as JOSDK's configuration does. */
  SweepHarness(FakeTrainer trainer, Metrics metrics) throws Exception {
    this(trainer, FaultInjector.off(), metrics);
  }

  SweepHarness(FakeTrainer trainer, FaultInjector faults) throws Exception {
    this(trainer, faults, Metrics.NOOP);
  }

  private SweepHarness(FakeTrainer trainer, FaultInjector faults, Metrics metrics)
      throws Exception {
    this.cluster = LocalCluster.start(faults);
    this.faults = faults;
    this.trainer = trainer;
    this.metrics = metrics;
    this.executor = new LocalExecutor(cluster.client(), cluster.logs(), trainer).start();
    this.jobWatch =
        cluster
            .client()
            .batch()
            .v1()
            .jobs()
            .inNamespace(NS)
            .inform(
                new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    countActive(job);
                  }

                  @Override
                  public void onUpdate(Job oldJob, Job job) {
                    countActive(job);
                  }

                  @Override
                  public void onDelete(Job job, boolean unknown) {}
                });
    startOperator();
  }

  /** Records the most unfinished Jobs a sweep ever had at once, as seen by a watch. */
  private synchronized void countActive(Job changed) {
    String sweep = changed.getMetadata().getLabels().get(TrialLabels.SWEEP);
    long active =
        jobWatch.getStore().list().stream()
            .filter(j -> sweep.equals(j.getMetadata().getLabels().get(TrialLabels.SWEEP)))
            .filter(
                j ->
                    j.getStatus() == null
                        || j.getStatus().getConditions() == null
                        || j.getStatus().getConditions().isEmpty())
            .count();
    maxActiveJobs.merge(sweep, (int) active, Math::max);
  }

  int maxActiveJobs(String sweep) {
    return maxActiveJobs.getOrDefault(sweep, 0);
  }

  KubernetesClient client() {
    return cluster.client();
  }

  void startOperator() {
    operatorAgent = FaultInjector.TARGET_AGENT + "/" + (operatorClients.size() + 1);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(cluster.client().getConfiguration())
                    .withUserAgent(operatorAgent)
                    .build())
            .build();
    operatorClients.add(client);
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(metrics));
    operator.register(new HyperparameterSweepReconciler());
    operator.start();
  }

  /**
   * Serves the metrics push endpoint (the operator's own {@link PushHandler}) on a JDK HTTP server
   * and tells the operator its URL, so trials get HYPERSWEEP_METRICS_URL and _TOKEN.
   */
  String startPushEndpoint() throws java.io.IOException {
    pushServer =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    PushHandler handler = MetricsPush.shared().handler();
    pushServer.createContext(
        "/v1/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readNBytes(PushRequest.MAX_BODY_BYTES + 1);
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          PushHandler.Response answer =
              handler.handle(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  auth == null ? java.util.Map.of() : java.util.Map.of("Authorization", auth),
                  body);
          byte[] json = answer.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), json.length);
          exchange.getResponseBody().write(json);
          exchange.close();
        });
    pushServer.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    pushServer.start();
    String url = "http://127.0.0.1:" + pushServer.getAddress().getPort();
    MetricsPush.shared().setBaseUrl(url);
    return url;
  }

  /**
   * Stops the operator. Stopping does not wait for a reconcile in progress, so the API server also
   * refuses the stopped incarnation's requests from now on, as if its process had died.
   */
  void stopOperator() {
    faults.cutOff(operatorAgent);
    operator.stop();
  }

  HyperparameterSweep apply(String yaml) {
    HyperparameterSweep sweep = Serialization.unmarshal(yaml, HyperparameterSweep.class);
    sweep.getMetadata().setNamespace(NS);
    return client().resource(sweep).create();
  }

  HyperparameterSweep get(String name) {
    return client().resources(HyperparameterSweep.class).inNamespace(NS).withName(name).get();
  }

  HyperparameterSweep awaitPhase(String name, SweepPhase phase) {
    return awaitPhase(name, phase, Duration.ofSeconds(60));
  }

  HyperparameterSweep awaitPhase(String name, SweepPhase phase, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HyperparameterSweep s = get(name);
              return s != null && s.getStatus() != null && s.getStatus().phase == phase;
            });
    return get(name);
  }

  /** Waits until the sweep reaches a final phase, whichever it is. */
  HyperparameterSweep awaitFinal(String name, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HyperparameterSweep s = get(name);
              return s != null
                  && s.getStatus() != null
                  && s.getStatus().phase != null
                  && s.getStatus().phase.isFinal();
            });
    return get(name);
  }

  /**
   * A copy of {@code sweep} whose {@code status.trials} holds its whole history: the records in the
   * status and those archived in its ConfigMaps, each of which must appear exactly once.
   */
  HyperparameterSweep withArchive(HyperparameterSweep sweep) {
    HyperparameterSweep copy = Serialization.clone(sweep);
    java.util.TreeMap<Integer, io.hypersweep.api.TrialRecord> all = new java.util.TreeMap<>();
    List<io.hypersweep.api.TrialRecord> found = new java.util.ArrayList<>(copy.getStatus().trials);
    for (var cm :
        client()
            .configMaps()
            .inNamespace(NS)
            .withLabel(TrialLabels.SWEEP, sweep.getMetadata().getName())
            .list()
            .getItems()) {
      try {
        found.addAll(
            Serialization.jsonMapper()
                .readValue(
                    cm.getData().get("trials.json"),
                    new com.fasterxml.jackson.core.type.TypeReference<
                        List<io.hypersweep.api.TrialRecord>>() {}));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new AssertionError("unreadable archive ConfigMap " + cm.getMetadata().getName(), e);
      }
    }
    for (io.hypersweep.api.TrialRecord r : found) {
      if (all.put(r.number, r) != null) {
        throw new AssertionError("trial " + r.number + " is recorded twice");
      }
    }
    copy.getStatus().trials = new java.util.ArrayList<>(all.values());
    return copy;
  }

  List<Job> jobs(String sweep) {
    return client()
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel(TrialLabels.SWEEP, sweep)
        .list()
        .getItems();
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } catch (RuntimeException ignored) {
      // already stopped by the test
    }
    if (pushServer != null) {
      // Other tests in this JVM must not get push variables for a server that is gone.
      MetricsPush.shared().setBaseUrl(null);
      pushServer.stop(0);
    }
    jobWatch.close();
    executor.close();
    operatorClients.forEach(KubernetesClient::close);
    cluster.close();
  }
}
