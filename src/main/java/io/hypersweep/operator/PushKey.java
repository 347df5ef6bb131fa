package io.hypersweep.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Edge: loads the push-token key from the Secret the Helm chart names, creating it with 32 random
 * bytes on first start, so tokens handed to running trials survive an operator restart.
 */
public final class PushKey {
  /** Names the Secret; set by the Helm chart. */
  public static final String SECRET_ENV = "HYPERSWEEP_METRICS_TOKEN_SECRET";

  public static final String NAMESPACE_ENV = "POD_NAMESPACE";
  static final String DATA_KEY = "key";

  private PushKey() {}

  /**
   * The key from the Secret named in {@code env}; empty when {@code env} names none (local mode,
   * tests), and the caller keeps its random in-memory key.
   */
  public static Optional<byte[]> load(KubernetesClient client, Map<String, String> env) {
    String name = env.get(SECRET_ENV);
    String ns = env.get(NAMESPACE_ENV);
    if (name == null || name.isBlank() || ns == null || ns.isBlank()) {
      return Optional.empty();
    }
    var secrets = client.secrets().inNamespace(ns);
    Secret secret = secrets.withName(name).get();
    byte[] key = secret == null ? null : decode(secret);
    if (key != null) {
      return Optional.of(key);
    }
    key = MetricsPush.randomKey();
    String encoded = Base64.getEncoder().encodeToString(key);
    if (secret == null) {
      try {
        secrets
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(ns)
                    .endMetadata()
                    .addToData(DATA_KEY, encoded)
                    .build())
            .create();
        return Optional.of(key);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        // Another start created it first: its key is the one trials hold.
        return Optional.ofNullable(decode(secrets.withName(name).get()));
      }
    }
    // The Secret exists (e.g. pre-created by an admin) without a usable key: fill it in.
    secret.setData(new HashMap<>(secret.getData() == null ? Map.of() : secret.getData()));
    secret.getData().put(DATA_KEY, encoded);
    secrets.resource(secret).update();
    return Optional.of(key);
  }

  private static byte[] decode(Secret secret) {
    String data =
        secret == null || secret.getData() == null ? null : secret.getData().get(DATA_KEY);
    if (data == null) {
      return null;
    }
    try {
      byte[] key = Base64.getDecoder().decode(data.trim());
      return key.length >= 16 ? key : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
