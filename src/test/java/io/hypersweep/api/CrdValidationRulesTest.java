package io.hypersweep.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the CEL rules of the committed CRD with a real CEL implementation, so a rule that the
 * API server would refuse, or that accepts a bad manifest, fails the build.
 */
class CrdValidationRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static JsonNode schema;

  @BeforeAll
  static void loadCrd() throws Exception {
    JsonNode crd =
        YAML.readTree(Path.of("crds/hyperparametersweeps.hypersweep.io-v1.yml").toFile());
    schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }

  /** The rules at {@code pointer} that read only {@code self}. */
  private static List<String> rulesAt(String pointer) {
    return allRulesAt(pointer).stream().filter(r -> !r.contains("oldSelf")).toList();
  }

  /** The transition rules at {@code pointer}: those that also read {@code oldSelf}. */
  private static List<String> transitionRulesAt(String pointer) {
    return allRulesAt(pointer).stream().filter(r -> r.contains("oldSelf")).toList();
  }

  private static List<String> allRulesAt(String pointer) {
    List<String> rules = new ArrayList<>();
    schema
        .at(pointer + "/x-kubernetes-validations")
        .forEach(r -> rules.add(r.get("rule").asText()));
    return rules;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.path("x-kubernetes-validations").forEach(r -> out.add(r.get("rule").asText()));
      node.fields().forEachRemaining(e -> collect(e.getValue(), out));
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    }
  }

  /** The rules that reject {@code value}, evaluated as the API server would. */
  private static List<String> failing(List<String> rules, Object value) throws Exception {
    return evaluate(rules, Map.of("self", value));
  }

  /** The transition rules that reject the update from {@code old} to {@code value}. */
  private static List<String> failingUpdate(List<String> rules, Object old, Object value)
      throws Exception {
    return evaluate(rules, Map.of("self", value, "oldSelf", old));
  }

  private static List<String> evaluate(List<String> rules, Map<String, Object> vars)
      throws Exception {
    List<String> failed = new ArrayList<>();
    for (String rule : rules) {
      Object result = CEL.createProgram(CEL.compile(rule).getAst()).eval(vars);
      if (!Boolean.TRUE.equals(result)) {
        failed.add(rule);
      }
    }
    return failed;
  }

  @Test
  void everyRuleCompiles() throws Exception {
    List<String> all = new ArrayList<>();
    collect(schema, all);
    assertThat(all).hasSizeGreaterThanOrEqualTo(8);
    for (String rule : all) {
      assertThat(CEL.compile(rule).getAst()).as(rule).isNotNull();
    }
  }

  @Test
  void parameterRulesAcceptGoodExpressionsAndRejectBadOnes() throws Exception {
    List<String> rules = rulesAt("/properties/spec/properties/parameters/additionalProperties");
    assertThat(rules).hasSize(6);
    assertThat(failing(rules, Map.of("uniform", List.of(0.0, 1.0)))).isEmpty();
    assertThat(failing(rules, Map.of("qloguniform", List.of(0.001, 1.0, 0.001)))).isEmpty();
    assertThat(failing(rules, Map.of("choice", List.of("a", 3)))).isEmpty();
    assertThat(failing(rules, Map.of("randint", List.of(2L, 5L)))).isEmpty();
    assertThat(failing(rules, Map.of("uniform", List.of(1.0, 0.0)))).hasSize(1);
    assertThat(failing(rules, Map.of("uniform", List.of(0.0, 1.0), "choice", List.of(1L))))
        .hasSize(1);
    assertThat(failing(rules, Map.of())).hasSize(1);
    assertThat(failing(rules, Map.of("loguniform", List.of(0.0, 1.0)))).hasSize(1);
    assertThat(failing(rules, Map.of("lognormal", List.of(0.0, -1.0)))).hasSize(1);
    assertThat(failing(rules, Map.of("qnormal", List.of(0.0, 1.0, 0.0)))).hasSize(1);
    assertThat(failing(rules, Map.of("randint", List.of(5L, 2L)))).hasSize(1);
  }

  @Test
  void specRulesRejectGridsOverContinuousRangesAndBadNames() throws Exception {
    List<String> spec = rulesAt("/properties/spec");
    Map<String, Object> finite = Map.of("x", Map.of("choice", List.of(1L, 2L)));
    Map<String, Object> continuous = Map.of("x", Map.of("uniform", List.of(0.0, 1.0)));
    assertThat(failing(spec, Map.of("parameters", finite, "sampling", Map.of("algorithm", "grid"))))
        .isEmpty();
    assertThat(failing(spec, Map.of("parameters", continuous))).isEmpty();
    assertThat(
            failing(
                spec, Map.of("parameters", continuous, "sampling", Map.of("algorithm", "grid"))))
        .hasSize(1);
    List<String> names = rulesAt("/properties/spec/properties/parameters");
    assertThat(failing(names, Map.of("learning_rate", Map.of()))).isEmpty();
    assertThat(failing(names, Map.of("learning-rate", Map.of()))).hasSize(1);
  }

  @Test
  void nameLengthRule() throws Exception {
    List<String> root = rulesAt("");
    assertThat(failing(root, Map.of("metadata", Map.of("name", "a".repeat(50))))).isEmpty();
    assertThat(failing(root, Map.of("metadata", Map.of("name", "a".repeat(51))))).hasSize(1);
  }

  @Test
  void banditNeedsExactlyOneSlack() throws Exception {
    List<String> rules = rulesAt("/properties/spec/properties/earlyTermination");
    assertThat(rules).hasSize(1);
    assertThat(failing(rules, Map.of("policy", "bandit", "slackFactor", 0.1))).isEmpty();
    assertThat(failing(rules, Map.of("policy", "bandit", "slackAmount", 0.1))).isEmpty();
    assertThat(failing(rules, Map.of("policy", "medianStopping"))).isEmpty();
    assertThat(failing(rules, Map.of("policy", "bandit"))).hasSize(1);
    assertThat(failing(rules, Map.of("policy", "bandit", "slackFactor", 0.1, "slackAmount", 1.0)))
        .hasSize(1);
  }

  /** A sweep as stored: spec plus, once a trial started, status.startTime. */
  private static Map<String, Object> sweep(Map<String, Object> spec, boolean started) {
    Map<String, Object> s = new java.util.HashMap<>();
    s.put("metadata", Map.of("name", "s"));
    s.put("spec", spec);
    if (started) {
      s.put("status", Map.of("phase", "Succeeded", "startTime", "2026-01-01T00:00:00Z"));
    }
    return s;
  }

  private static Map<String, Object> spec(Object parameters, Object objective, Object sampling) {
    Map<String, Object> spec = new java.util.HashMap<>();
    spec.put("parameters", parameters);
    spec.put("objective", objective);
    if (sampling != null) {
      spec.put("sampling", sampling);
    }
    spec.put("limits", Map.of("maxTrials", 4L));
    return spec;
  }

  @Test
  void transitionRulesFreezeTheSearchOfAStartedSweep() throws Exception {
    List<String> rules = transitionRulesAt("");
    assertThat(rules).hasSize(3);
    Object params = Map.of("x", Map.of("uniform", List.of(0.0, 1.0)));
    Object otherParams = Map.of("x", Map.of("uniform", List.of(0.0, 2.0)));
    Object objective = Map.of("metric", "acc", "goal", "maximize");
    Object sampling = Map.of("algorithm", "sobol", "seed", 3L);
    Map<String, Object> base = spec(params, objective, sampling);

    // A sweep that never started a trial may still be fixed.
    assertThat(
            failingUpdate(
                rules, sweep(base, false), sweep(spec(otherParams, objective, sampling), false)))
        .isEmpty();

    Map<String, Object> started = sweep(base, true);
    assertThat(failingUpdate(rules, started, started)).isEmpty();
    Map<String, Object> moreTrials = new java.util.HashMap<>(base);
    moreTrials.put("limits", Map.of("maxTrials", 7L, "maxConcurrentTrials", 3L));
    assertThat(failingUpdate(rules, started, sweep(moreTrials, true))).isEmpty();
    Object targeted = Map.of("metric", "acc", "goal", "maximize", "target", 0.9);
    assertThat(failingUpdate(rules, started, sweep(spec(params, targeted, sampling), true)))
        .isEmpty();

    assertThat(failingUpdate(rules, started, sweep(spec(otherParams, objective, sampling), true)))
        .singleElement()
        .asString()
        .contains("self.spec.parameters == oldSelf.spec.parameters");
    Object minimize = Map.of("metric", "acc", "goal", "minimize");
    assertThat(failingUpdate(rules, started, sweep(spec(params, minimize, sampling), true)))
        .singleElement()
        .asString()
        .contains("objective");
    Object otherMetric = Map.of("metric", "loss", "goal", "maximize");
    assertThat(failingUpdate(rules, started, sweep(spec(params, otherMetric, sampling), true)))
        .hasSize(1);
    Object otherSeed = Map.of("algorithm", "sobol", "seed", 4L);
    assertThat(failingUpdate(rules, started, sweep(spec(params, objective, otherSeed), true)))
        .singleElement()
        .asString()
        .contains("sampling");
    Object otherAlgorithm = Map.of("algorithm", "tpe", "seed", 3L);
    assertThat(failingUpdate(rules, started, sweep(spec(params, objective, otherAlgorithm), true)))
        .hasSize(1);
  }

  @Test
  void anAbsentSamplingEqualsItsDefaults() throws Exception {
    List<String> rules = transitionRulesAt("");
    Object params = Map.of("x", Map.of("uniform", List.of(0.0, 1.0)));
    Object objective = Map.of("metric", "acc", "goal", "maximize");
    Map<String, Object> none = sweep(spec(params, objective, null), true);
    Map<String, Object> defaults =
        sweep(spec(params, objective, Map.of("algorithm", "random", "seed", 0L)), true);
    Map<String, Object> onlyAlgorithm =
        sweep(spec(params, objective, Map.of("algorithm", "random")), true);
    assertThat(failingUpdate(rules, none, defaults)).isEmpty();
    assertThat(failingUpdate(rules, defaults, onlyAlgorithm)).isEmpty();
    assertThat(failingUpdate(rules, onlyAlgorithm, none)).isEmpty();
    assertThat(
            failingUpdate(
                rules, none, sweep(spec(params, objective, Map.of("algorithm", "sobol")), true)))
        .hasSize(1);
    assertThat(failingUpdate(rules, none, sweep(spec(params, objective, Map.of("seed", 1L)), true)))
        .hasSize(1);
  }
}
