package io.hypersweep;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/** The operator as deployed on a cluster: starts the controllers and runs until stopped. */
public class OperatorApp implements QuarkusApplication {

  @Inject Operator operator;

  @Override
  public int run(String... args) {
    // With a custom main, the operator SDK extension leaves starting the operator to us.
    operator.start();
    Quarkus.waitForExit();
    return 0;
  }
}
