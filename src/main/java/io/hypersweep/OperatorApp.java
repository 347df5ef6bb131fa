package io.hypersweep;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hypersweep.operator.MetricsPush;
import io.hypersweep.operator.PushKey;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator as deployed on a cluster: starts the controllers and runs until stopped. */
public class OperatorApp implements QuarkusApplication {

  @Inject Operator operator;
  @Inject KubernetesClient client;

  @ConfigProperty(name = "hypersweep.push.url")
  Optional<String> pushUrl;

  @Override
  public int run(String... args) {
    // Before the first reconcile, so every trial's token is minted under the persistent key.
    PushKey.load(client, System.getenv()).ifPresent(MetricsPush.shared()::useKey);
    pushUrl.ifPresent(MetricsPush.shared()::setBaseUrl);
    // With a custom main, the operator SDK extension leaves starting the operator to us.
    operator.start();
    Quarkus.waitForExit();
    return 0;
  }
}
