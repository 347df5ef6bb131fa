package io.hypersweep.e2e;

/** Sweep manifests for the end-to-end tests, all with the same trial template. */
final class Manifests {
  private Manifests() {}

  /** A sweep whose trial runs {@code train}; parameters reach it as environment variables. */
  static String sweep(
      String name, String objective, String params, String sampling, String limits) {
    return sweep(name, objective, params, sampling, limits, "");
  }

  /** The same, with further spec lines (e.g. {@code earlyTermination: {...}}) at spec level. */
  static String sweep(
      String name,
      String objective,
      String params,
      String sampling,
      String limits,
      String moreSpec) {
    return """
        apiVersion: hypersweep.io/v1alpha1
        kind: HyperparameterSweep
        metadata:
          name: %s
        spec:
          objective: %s
          parameters: %s
          sampling: %s
          limits: %s
          %s
          trialTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: trainer
                    image: example/trainer:1
                    command: ["train"]
        """
        .formatted(name, objective, params, sampling, limits, moreSpec);
  }
}
