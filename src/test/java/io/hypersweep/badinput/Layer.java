package io.hypersweep.badinput;

/** The three places a bad manifest can be caught, in the order they run. */
enum Layer {
  /** The CRD's OpenAPI schema, as the API server checks it at apply time. */
  SCHEMA,
  /** The CRD's CEL rules (x-kubernetes-validations), also at apply time. */
  CEL,
  /** The operator's own {@code SweepValidator}, once the sweep is stored. */
  OPERATOR;

  static Layer parse(String text) {
    return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
