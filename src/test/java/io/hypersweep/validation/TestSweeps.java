package io.hypersweep.validation;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;

/**
 * Builds sweeps from YAML for the unit tests of the validation, planning, status and trial code.
 */
public final class TestSweeps {

  /** A complete, valid manifest; the tests change it with {@link String#replace}. */
  public static final String VALID =
      """
      apiVersion: hypersweep.io/v1alpha1
      kind: HyperparameterSweep
      metadata: {name: demo, namespace: default, uid: u-1, generation: 1}
      spec:
        objective: {metric: score, goal: maximize}
        parameters:
          x: {uniform: [0.0, 1.0]}
          depth: {choice: [2, 4, 8]}
        sampling: {algorithm: random, seed: 11}
        limits: {maxTrials: 8, maxConcurrentTrials: 3, maxFailedTrials: 1, timeout: 1h, trialTimeout: 10m, pendingTimeout: 24h}
        trialTemplate:
          spec:
            template:
              spec:
                containers:
                - name: trainer
                  image: example/trainer:1
                  args: ["--x=${params.x}", "--depth=${params.depth}"]
      """;

  private TestSweeps() {}

  public static HyperparameterSweep parse(String yaml) {
    return Serialization.unmarshal(yaml, HyperparameterSweep.class);
  }

  public static HyperparameterSweep valid() {
    return parse(VALID);
  }

  /** The validated form of {@code sweep}; fails the test when it is not valid. */
  public static ValidatedSweep validated(HyperparameterSweep sweep) {
    SweepValidator.Result result = new SweepValidator().validate(sweep);
    if (!result.isValid()) {
      throw new AssertionError("expected a valid sweep, got " + result.errors());
    }
    return result.sweep().orElseThrow();
  }
}
