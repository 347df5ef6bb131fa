package io.hypersweep.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.validation.SweepValidator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Runs a manifest through schema, CEL and the operator's validator, collecting each verdict. */
final class ThreeLayers {

  /** What each layer said; {@code unreadable} is set when the operator cannot deserialize it. */
  record Verdict(
      List<Rejection> schema,
      List<Rejection> cel,
      List<Rejection> operator,
      Optional<String> unreadable) {

    /** The first layer that rejects the manifest, if any. */
    Optional<Layer> firstRejecting() {
      if (!schema.isEmpty()) {
        return Optional.of(Layer.SCHEMA);
      }
      if (!cel.isEmpty()) {
        return Optional.of(Layer.CEL);
      }
      return operator.isEmpty() ? Optional.empty() : Optional.of(Layer.OPERATOR);
    }

    List<Rejection> at(Layer layer) {
      return switch (layer) {
        case SCHEMA -> schema;
        case CEL -> cel;
        case OPERATOR -> operator;
      };
    }
  }

  private final ApplyTimeValidator applyTime;
  private final SweepValidator validator = new SweepValidator();

  ThreeLayers(ApplyTimeValidator applyTime) {
    this.applyTime = applyTime;
  }

  static ThreeLayers load() throws IOException {
    return new ThreeLayers(ApplyTimeValidator.load());
  }

  Verdict check(String yaml) {
    JsonNode manifest = ApplyTimeValidator.pruneNulls(ApplyTimeValidator.readManifest(yaml));
    List<Rejection> schema = applyTime.schemaErrors(manifest);
    List<Rejection> cel = applyTime.celErrors(manifest);
    // The operator sees the stored object: in a namespace, never with NaN (kubectl cannot send it).
    ObjectNode stored = manifest.deepCopy();
    if (!stored.path("metadata").has("namespace") && stored.path("metadata").isObject()) {
      ((ObjectNode) stored.get("metadata")).put("namespace", "default");
    }
    HyperparameterSweep sweep;
    try {
      sweep = Serialization.unmarshal(stored.toString(), HyperparameterSweep.class);
    } catch (RuntimeException e) {
      return new Verdict(schema, cel, List.of(), Optional.of(String.valueOf(e.getMessage())));
    }
    List<Rejection> operator =
        validator.validate(sweep).errors().stream()
            .map(e -> Rejection.of(Layer.OPERATOR, e.field(), e.message()))
            .toList();
    return new Verdict(schema, cel, operator, Optional.empty());
  }
}
