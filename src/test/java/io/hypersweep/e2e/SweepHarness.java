package io.hypersweep.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.local.LocalCluster;
import io.hypersweep.local.LocalExecutor;
import io.hypersweep.operator.HyperparameterSweepReconciler;
import io.hypersweep.trial.TrialLabels;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;

/**
 * A test cluster: the embedded API server, the local executor with a fake trainer, and the
 * operator's reconciler in a JOSDK operator that a test can stop and start again.
 */
final class SweepHarness implements AutoCloseable {
  static final String NS = "default";

  final LocalCluster cluster = LocalCluster.start();
  final FakeTrainer trainer;
  private final LocalExecutor executor;
  private Operator operator;

  SweepHarness(FakeTrainer trainer) throws Exception {
    this.trainer = trainer;
    this.executor = new LocalExecutor(cluster.client(), cluster.logs(), trainer).start();
    startOperator();
  }

  KubernetesClient client() {
    return cluster.client();
  }

  void startOperator() {
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(cluster.client())
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false));
    operator.register(new HyperparameterSweepReconciler());
    operator.start();
  }

  void stopOperator() {
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
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HyperparameterSweep s = get(name);
              return s != null && s.getStatus() != null && s.getStatus().phase == phase;
            });
    return get(name);
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
    executor.close();
    cluster.close();
  }
}
