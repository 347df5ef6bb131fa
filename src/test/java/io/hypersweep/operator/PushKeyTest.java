package io.hypersweep.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.hypersweep.local.LocalCluster;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests loading the push-token key from its Secret against the embedded API server. */
class PushKeyTest {
  private final LocalCluster cluster = LocalCluster.start();
  private final Map<String, String> env =
      Map.of(PushKey.SECRET_ENV, "hs-metrics-token", PushKey.NAMESPACE_ENV, "default");

  @AfterEach
  void stop() {
    cluster.close();
  }

  private Secret secret() {
    return cluster.client().secrets().inNamespace("default").withName("hs-metrics-token").get();
  }

  @Test
  void withoutTheEnvironmentThereIsNoPersistentKey() {
    assertThat(PushKey.load(cluster.client(), Map.of())).isEmpty();
    assertThat(secret()).isNull();
  }

  @Test
  void createsTheSecretOnceAndReadsItBack() {
    byte[] first = PushKey.load(cluster.client(), env).orElseThrow();
    assertThat(first).hasSize(32);
    assertThat(secret().getData()).containsKey(PushKey.DATA_KEY);
    // A restarted operator gets the same key, so tokens held by running trials stay valid.
    assertThat(PushKey.load(cluster.client(), env).orElseThrow()).isEqualTo(first);
  }

  @Test
  void fillsInAnExistingSecretWithoutAKey() {
    cluster
        .client()
        .secrets()
        .inNamespace("default")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("hs-metrics-token")
                .endMetadata()
                .addToData("other", "eA==")
                .build())
        .create();
    byte[] key = PushKey.load(cluster.client(), env).orElseThrow();
    assertThat(key).hasSize(32);
    assertThat(secret().getData()).containsKeys("other", PushKey.DATA_KEY);
    assertThat(PushKey.load(cluster.client(), env).orElseThrow()).isEqualTo(key);
  }
}
