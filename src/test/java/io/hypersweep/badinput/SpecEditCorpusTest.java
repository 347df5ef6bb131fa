package io.hypersweep.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edits of a stored sweep, as {@code kubectl patch --type merge} or a GitOps re-apply would send
 * them, checked against the CRD's transition rules.
 *
 * <p>Each file of {@code spec-edits/} is a JSON merge patch (RFC 7386, written as YAML) over the
 * quickstart sweep, with a header {@code # expect: allowed} or {@code # expect: <field>} (the field
 * the rejection names). Every edit is tried twice: against the sweep as stored after its first
 * trial started (status.startTime set), where the header's verdict must hold, and against the same
 * sweep before any trial started, where every edit is allowed.
 */
class SpecEditCorpusTest {
  private static final Path EDITS = Path.of("src/test/resources/spec-edits");
  private static final Path BASE = CorpusManifest.VALID.resolve("quickstart.yaml");
  private static ApplyTimeValidator validator;
  private static ThreeLayers layers;

  @BeforeAll
  static void load() throws Exception {
    validator = ApplyTimeValidator.load();
    layers = new ThreeLayers(validator);
  }

  static List<CorpusManifest> edits() {
    return CorpusManifest.all(EDITS);
  }

  private static JsonNode read(String yaml) {
    return ApplyTimeValidator.pruneNulls(ApplyTimeValidator.readManifest(yaml));
  }

  private static JsonNode base() {
    try {
      return read(Files.readString(BASE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base sweep as the API server stores it, with or without a started trial. */
  private static JsonNode stored(boolean started) {
    ObjectNode s = (ObjectNode) base();
    ObjectNode status = s.putObject("status");
    status.put("phase", started ? "Succeeded" : "Invalid");
    if (started) {
      status.put("startTime", "2026-01-01T00:00:00Z");
      status.put("progress", "12/12");
    }
    return s;
  }

  /** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = target != null && target.isObject() ? target.deepCopy() : newObject();
    patch
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNull()) {
                out.remove(e.getKey());
              } else {
                out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
              }
            });
    return out;
  }

  private static ObjectNode newObject() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  /** The edited manifest; the patch is read without pruning, since its nulls delete. */
  private static JsonNode edited(CorpusManifest edit) {
    return mergePatch(base(), ApplyTimeValidator.readManifest(edit.yaml()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void editOfAStartedSweepGetsTheDeclaredVerdict(CorpusManifest edit) throws Exception {
    String expect = edit.expect().orElseThrow(() -> new AssertionError("# expect: header"));
    JsonNode next = edited(edit);
    // On its own, every edited manifest is a sweep one could create.
    ThreeLayers.Verdict asNew = layers.check(ApplyTimeValidator.YAML.writeValueAsString(next));
    assertThat(asNew.firstRejecting()).as("%s as a new sweep: %s", edit.name(), asNew).isEmpty();

    List<Rejection> rejected = validator.celErrors(next, stored(true));
    if (expect.equals("allowed")) {
      assertThat(rejected).as(edit.name()).isEmpty();
    } else {
      assertThat(rejected)
          .as(edit.name())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.names(expect)).as("%s names %s", r, expect).isTrue();
                assertThat(r.message()).contains("create a new sweep instead");
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void beforeTheFirstTrialEveryEditIsAllowed(CorpusManifest edit) {
    assertThat(validator.celErrors(edited(edit), stored(false))).as(edit.name()).isEmpty();
  }

  @Test
  void corpusCoversBothVerdictsForEveryFrozenField() {
    List<String> expects = edits().stream().map(e -> e.expect().orElse("?")).toList();
    assertThat(expects).contains("allowed", "spec.parameters", "spec.objective", "spec.sampling");
    assertThat(expects.stream().filter("allowed"::equals).count()).isGreaterThanOrEqualTo(5);
    try (Stream<Path> files = Files.list(EDITS)) {
      assertThat(files.count()).isEqualTo(expects.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void onCreateTransitionRulesAreSkipped() {
    assertThat(validator.celErrors(base())).isEmpty();
    assertThat(validator.celErrors(base(), null)).isEmpty();
  }
}
