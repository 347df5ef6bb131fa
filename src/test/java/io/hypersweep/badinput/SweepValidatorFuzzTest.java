package io.hypersweep.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.validation.FieldError;
import io.hypersweep.validation.SweepValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of {@link SweepValidator} with randomly mutated valid manifests.
 *
 * <p>Manifests with fields dropped, retyped, renamed or their numbers swapped give a result with
 * errors (or a valid sweep), never an exception.
 */
class SweepValidatorFuzzTest {
  private static final List<JsonNode> BASES =
      CorpusManifest.all(CorpusManifest.VALID).stream()
          .map(m -> ApplyTimeValidator.readManifest(m.yaml()))
          .toList();

  /** Seeded, so a failure reproduces; 2,000 mutants cover every mutation kind many times. */
  private static final int RUNS = 2_000;

  private final SweepValidator validator = new SweepValidator();

  /** What a mutation does to the value it lands on. */
  enum Kind {
    DROP,
    NULL,
    STRING,
    NUMBER,
    BOOLEAN,
    EMPTY_ARRAY,
    EMPTY_OBJECT,
    NEGATE,
    ZERO,
    HUGE,
    TINY,
    NAN,
    INFINITY,
    SWAP_WITH_NEXT,
    DUPLICATE,
    LONG_STRING,
    WRAP_IN_ARRAY,
    RENAME_KEY
  }

  /** One mutation: {@code target} picks the node (modulo their number), {@code pick} a variant. */
  record Mutation(int target, Kind kind, int pick) {}

  @AfterAll
  static void figures() {
    BadInputFigures.write();
  }

  @Test
  void mutatedManifestsGiveErrorsNotExceptions() {
    SplittableRandom random = new SplittableRandom(20261204);
    for (int run = 0; run < RUNS; run++) {
      List<Mutation> mutations = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        mutations.add(
            new Mutation(
                random.nextInt(100_001),
                Kind.values()[random.nextInt(Kind.values().length)],
                random.nextInt(1_001)));
      }
      check(BASES.get(random.nextInt(BASES.size())), mutations);
    }
  }

  private void check(JsonNode base, List<Mutation> mutations) {
    BadInputFigures.SWEEP_FUZZ.incrementAndGet();
    ObjectNode tree = base.deepCopy();
    HyperparameterSweep sweep = read(tree);
    for (Mutation m : mutations) {
      // A mutation that Jackson cannot map onto the API classes never reaches the validator (the
      // schema keeps such types out, and the operator could not read them), so it is undone.
      ObjectNode mutated = tree.deepCopy();
      apply(mutated, m);
      HyperparameterSweep candidate = read(mutated);
      if (candidate != null) {
        tree = mutated;
        sweep = candidate;
      }
    }
    SweepValidator.Result result = validator.validate(sweep);
    if (result == null || result.errors() == null || result.sweep() == null) {
      throw new AssertionError("incomplete result for " + tree);
    }
    if (result.isValid() == result.sweep().isEmpty()) {
      throw new AssertionError("a result must be a sweep or errors: " + result);
    }
    for (FieldError e : result.errors()) {
      if (e.field() == null || e.message() == null || e.field().isBlank()) {
        throw new AssertionError("error without field or message: " + e);
      }
    }
  }

  private static HyperparameterSweep read(ObjectNode tree) {
    try {
      return Serialization.unmarshal(tree.toString(), HyperparameterSweep.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A place in the tree: an object field or an array element. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode value() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    void set(JsonNode value) {
      if (key != null) {
        ((ObjectNode) parent).set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  /** Mutates spec (the API server always supplies metadata.name and namespace). */
  private static void apply(ObjectNode root, Mutation m) {
    List<Slot> slots = new ArrayList<>();
    if (root.has("spec")) {
      slots.add(new Slot(root, "spec", -1));
      collect(root.get("spec"), slots);
    }
    if (slots.isEmpty()) {
      return;
    }
    Slot slot = slots.get(m.target() % slots.size());
    JsonNode value = slot.value();
    int p = m.pick();
    switch (m.kind()) {
      case DROP -> {
        if (slot.key() != null) {
          ((ObjectNode) slot.parent()).remove(slot.key());
        } else {
          ((ArrayNode) slot.parent()).remove(slot.index());
        }
      }
      case NULL -> slot.set(NullNode.instance);
      case STRING ->
          slot.set(
              TextNode.valueOf(
                  List.of("", "abc", "1e3", "NaN", "${params.x}", "-1", "grid", "Always")
                      .get(p % 8)));
      case NUMBER -> slot.set(p % 2 == 0 ? IntNode.valueOf(p - 500) : DoubleNode.valueOf(p / 7.0));
      case BOOLEAN -> slot.set(BooleanNode.valueOf(p % 2 == 0));
      case EMPTY_ARRAY -> slot.set(JsonNodeFactory.instance.arrayNode());
      case EMPTY_OBJECT -> slot.set(JsonNodeFactory.instance.objectNode());
      case NEGATE -> {
        if (value.isNumber()) {
          slot.set(
              value.isIntegralNumber()
                  ? LongNode.valueOf(-value.longValue())
                  : DoubleNode.valueOf(-value.doubleValue()));
        }
      }
      case ZERO -> slot.set(p % 2 == 0 ? IntNode.valueOf(0) : DoubleNode.valueOf(-0.0));
      case HUGE ->
          slot.set(
              List.<JsonNode>of(
                      LongNode.valueOf(Long.MAX_VALUE),
                      LongNode.valueOf(Long.MIN_VALUE),
                      DoubleNode.valueOf(Double.MAX_VALUE),
                      IntNode.valueOf(Integer.MAX_VALUE))
                  .get(p % 4));
      case TINY -> slot.set(DoubleNode.valueOf(p % 2 == 0 ? Double.MIN_VALUE : -Double.MIN_VALUE));
      case NAN -> slot.set(DoubleNode.valueOf(Double.NaN));
      case INFINITY ->
          slot.set(
              DoubleNode.valueOf(p % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY));
      case SWAP_WITH_NEXT -> {
        if (slot.key() == null && slot.index() + 1 < slot.parent().size()) {
          ArrayNode array = (ArrayNode) slot.parent();
          JsonNode next = array.get(slot.index() + 1);
          array.set(slot.index() + 1, value);
          array.set(slot.index(), next);
        }
      }
      case DUPLICATE -> {
        if (value.isArray() && value.size() > 0) {
          ((ArrayNode) value).add(value.get(p % value.size()).deepCopy());
        } else if (slot.key() == null) {
          ((ArrayNode) slot.parent()).add(value.deepCopy());
        }
      }
      case LONG_STRING -> slot.set(TextNode.valueOf("x".repeat(1_000 + p * 100)));
      case WRAP_IN_ARRAY -> slot.set(JsonNodeFactory.instance.arrayNode().add(value.deepCopy()));
      case RENAME_KEY -> {
        if (slot.key() != null) {
          ObjectNode parent = (ObjectNode) slot.parent();
          String key = slot.key();
          String renamed =
              List.of(
                      key.toUpperCase(Locale.ROOT),
                      key + "-x",
                      "",
                      "1" + key,
                      key + "\u00e9",
                      "${" + key + "}")
                  .get(p % 6);
          parent.remove(key);
          parent.set(renamed, value);
        }
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        out.add(new Slot(node, name, -1));
        collect(node.get(name), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(node, null, i));
        collect(node.get(i), out);
      }
    }
  }
}
