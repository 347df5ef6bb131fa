package io.hypersweep.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each fault of the injector, as the faulted client sees it, and that other clients see none. */
class FaultInjectorIT {
  private static final String NS = "default";

  /** The faulted client, without its own retries so each fault is seen as answered. */
  private static KubernetesClient target(LocalCluster cluster) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(cluster.client().getConfiguration())
                .withUserAgent(FaultInjector.TARGET_AGENT + "/test")
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }

  private static ConfigMap map(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  private static ConfigMap read(LocalCluster cluster, String name) {
    return cluster.client().configMaps().inNamespace(NS).withName(name).get();
  }

  @Test
  void otherClientsAreNeverFaulted() {
    try (LocalCluster cluster =
        LocalCluster.start(FaultInjector.always(FaultInjector.Kind.STATUS_500, Duration.ZERO))) {
      cluster.client().resource(map("a")).create();
      assertThat(read(cluster, "a")).isNotNull();
      assertThat(cluster.faults().requests()).isZero();
    }
  }

  @Test
  void serverErrorsAndThrottlingAreAnsweredWithoutActing() {
    for (FaultInjector.Kind kind :
        new FaultInjector.Kind[] {FaultInjector.Kind.STATUS_500, FaultInjector.Kind.THROTTLE_429}) {
      try (LocalCluster cluster = LocalCluster.start(FaultInjector.always(kind, Duration.ZERO));
          KubernetesClient client = target(cluster)) {
        int code = kind == FaultInjector.Kind.STATUS_500 ? 500 : 429;
        assertThatThrownBy(() -> client.resource(map("a")).create())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(code));
        assertThat(read(cluster, "a")).isNull();
        assertThat(cluster.faults().faults().get(kind)).isEqualTo(1);
      }
    }
  }

  @Test
  void aConflictOnCreateMeansTheObjectExistsAndOnUpdateThatItChanged() {
    try (LocalCluster cluster =
            LocalCluster.start(
                FaultInjector.always(FaultInjector.Kind.CONFLICT_409, Duration.ZERO));
        KubernetesClient client = target(cluster)) {
      assertThatThrownBy(() -> client.resource(map("a")).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
      ConfigMap created = read(cluster, "a");
      assertThat(created).isNotNull();

      created.getData().put("k", "changed");
      assertThatThrownBy(() -> client.resource(created).update())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
      ConfigMap after = read(cluster, "a");
      assertThat(after.getData()).containsEntry("k", "v");
      assertThat(after.getMetadata().getResourceVersion())
          .isNotEqualTo(created.getMetadata().getResourceVersion());
    }
  }

  @Test
  void aDroppedAnswerFailsTheRequestWithoutAStatusCode() {
    try (LocalCluster cluster =
            LocalCluster.start(FaultInjector.always(FaultInjector.Kind.DROPPED, Duration.ZERO));
        KubernetesClient client = target(cluster)) {
      assertThatThrownBy(() -> client.configMaps().inNamespace(NS).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isLessThanOrEqualTo(0));
    }
  }

  @Test
  void aKillPointCutsTheClientOffRightAfterItsRequest() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(FaultInjector.off());
        KubernetesClient client = target(cluster)) {
      KillPoint kill = cluster.faults().killAfter(c -> "POST".equals(c.method()));
      client.resource(map("a")).create();
      assertThat(kill.await(Duration.ofSeconds(5))).isPresent();
      assertThatThrownBy(() -> client.resource(map("b")).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThat(read(cluster, "a")).isNotNull();
      assertThat(read(cluster, "b")).isNull();
      cluster.client().resource(map("c")).create();
      assertThat(read(cluster, "c")).isNotNull();
    }
  }

  @Test
  void aCutWatchIsAnsweredGoneSoTheInformerListsAgain() throws Exception {
    FaultInjector faults =
        FaultInjector.with(
            new FaultInjector.Settings(1, 0, 0, Duration.ZERO, Duration.ofMillis(300)));
    try (LocalCluster cluster = LocalCluster.start(faults);
        KubernetesClient client = target(cluster);
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform()) {
      for (int i = 0; i < 5; i++) {
        cluster.client().resource(map("m" + i)).create();
        Thread.sleep(250);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> informer.getStore().list().size() == 5);
      assertThat(faults.faults().get(FaultInjector.Kind.WATCH_DROP)).isPositive();
      assertThat(faults.faults().get(FaultInjector.Kind.WATCH_GONE_410)).isPositive();
    }
  }

  @Test
  void aWatchKeepsItsIdentityAcrossResourceVersions() {
    assertThat(
            WatchCutter.key(
                "/api/v1/namespaces/d/pods?allowWatchBookmarks=true&labelSelector=a"
                    + "&resourceVersion=12&timeoutSeconds=300&watch=true"))
        .isEqualTo(
            WatchCutter.key(
                "/api/v1/namespaces/d/pods?labelSelector=a&resourceVersion=40&watch=true"))
        .isNotEqualTo(WatchCutter.key("/api/v1/namespaces/d/pods?labelSelector=b&watch=true"));
    assertThat(FaultInjector.resource("/apis/x.io/v1/namespaces/d/sweeps/s/status?a=b"))
        .isEqualTo("sweeps/status");
    assertThat(FaultInjector.resource("/apis/batch/v1/namespaces/d/jobs")).isEqualTo("jobs");
  }
}
