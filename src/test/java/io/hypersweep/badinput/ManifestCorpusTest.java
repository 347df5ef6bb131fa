package io.hypersweep.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the bad-input manifest corpus through schema, CEL and operator validation.
 *
 * <p>Every invalid manifest is rejected, naming its field, by the layer its header declares (the
 * first of schema, CEL and operator that rejects it), and every valid one passes all three layers.
 *
 * <p>The apply-time layers are checked against the committed CRD, not the fabric8 test server
 * (which validates nothing); see {@link ApplyTimeValidator} for how Kubernetes' schema extensions
 * and its rejection of unknown fields are modelled.
 */
class ManifestCorpusTest {
  private static ThreeLayers layers;
  private static final Map<String, String> OUTCOMES = new ConcurrentHashMap<>();
  private static final ConcurrentSkipListSet<String> ALSO_OPERATOR = new ConcurrentSkipListSet<>();

  @BeforeAll
  static void load() throws Exception {
    layers = ThreeLayers.load();
  }

  static List<CorpusManifest> invalid() {
    return CorpusManifest.all(CorpusManifest.INVALID);
  }

  static List<CorpusManifest> valid() {
    return CorpusManifest.all(CorpusManifest.VALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidManifestIsRejectedNamingItsField(CorpusManifest manifest) {
    assertThat(manifest.expect()).as("# expect: header of " + manifest.name()).isPresent();
    assertThat(manifest.layer()).as("# layer: header of " + manifest.name()).isPresent();
    ThreeLayers.Verdict verdict = layers.check(manifest.yaml());
    String first = verdict.firstRejecting().map(Layer::name).orElse("ESCAPED");
    if (verdict.firstRejecting().isEmpty() && verdict.unreadable().isPresent()) {
      first = "ESCAPED";
    }
    OUTCOMES.put(manifest.name(), first);
    if (verdict.firstRejecting().orElse(Layer.OPERATOR) != Layer.OPERATOR
        && !verdict.operator().isEmpty()) {
      ALSO_OPERATOR.add(manifest.name());
    }
    String report = describe(verdict);
    assertThat(verdict.firstRejecting())
        .as("%s escaped every layer\n%s", manifest.name(), report)
        .isPresent();
    Layer layer = verdict.firstRejecting().get();
    assertThat(layer)
        .as("first layer to reject %s\n%s", manifest.name(), report)
        .isEqualTo(manifest.layer().get());
    String expected = manifest.expect().get();
    assertThat(verdict.at(layer))
        .as("%s: a %s rejection naming %s\n%s", manifest.name(), layer, expected, report)
        .anyMatch(r -> r.names(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validManifestPassesEveryLayer(CorpusManifest manifest) {
    ThreeLayers.Verdict verdict = layers.check(manifest.yaml());
    OUTCOMES.put("valid/" + manifest.name(), verdict.firstRejecting().isEmpty() ? "OK" : "FALSE");
    assertThat(verdict.unreadable()).as(manifest.name()).isEmpty();
    assertThat(verdict.schema()).as(manifest.name()).isEmpty();
    assertThat(verdict.cel()).as(manifest.name()).isEmpty();
    assertThat(verdict.operator()).as(manifest.name()).isEmpty();
  }

  @Test
  void corpusIsLargeAndEveryFileDeclaresItsExpectation() {
    List<CorpusManifest> all = invalid();
    assertThat(all).hasSizeGreaterThanOrEqualTo(50);
    assertThat(valid()).isNotEmpty();
    for (CorpusManifest m : all) {
      assertThat(m.expect()).as(m.name()).isPresent();
      assertThat(m.layer()).as(m.name()).isPresent();
    }
  }

  @AfterAll
  static void summary() {
    Map<String, Long> counts =
        OUTCOMES.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("valid/"))
            .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
    long tried = counts.values().stream().mapToLong(Long::longValue).sum();
    long schema = counts.getOrDefault("SCHEMA", 0L);
    long cel = counts.getOrDefault("CEL", 0L);
    long valid = OUTCOMES.keySet().stream().filter(k -> k.startsWith("valid/")).count();
    long validOk =
        OUTCOMES.entrySet().stream()
            .filter(e -> e.getKey().startsWith("valid/") && e.getValue().equals("OK"))
            .count();
    System.out.printf(
        "bad-input corpus: %d invalid manifests tried; rejected at apply time %d (schema %d,"
            + " CEL %d), of which the operator also catches %d; rejected by the operator %d;"
            + " escaped %d. Valid manifests passing all layers: %d/%d%n",
        tried,
        schema + cel,
        schema,
        cel,
        ALSO_OPERATOR.size(),
        counts.getOrDefault("OPERATOR", 0L),
        counts.getOrDefault("ESCAPED", 0L),
        validOk,
        valid);
    BadInputFigures.corpus(
        tried,
        schema + cel,
        counts.getOrDefault("OPERATOR", 0L),
        counts.getOrDefault("ESCAPED", 0L),
        validOk,
        valid);
  }

  private static String describe(ThreeLayers.Verdict v) {
    StringBuilder s = new StringBuilder();
    for (Layer l : Layer.values()) {
      for (Rejection r : v.at(l)) {
        s.append("  ").append(r).append('\n');
      }
    }
    v.unreadable().ifPresent(u -> s.append("  operator cannot deserialize: ").append(u));
    return s.toString();
  }
}
