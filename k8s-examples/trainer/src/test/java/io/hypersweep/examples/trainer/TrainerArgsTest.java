package io.hypersweep.examples.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerArgsTest {
  private static TrainerArgs parse(String... args) throws Exception {
    return TrainerArgs.parse(args, Map.of());
  }

  @Test
  void equalsAndSpaceFormsGiveTheSameResult() throws Exception {
    TrainerArgs a =
        parse("--learning-rate=0.05", "--trees=120", "--max-depth=3", "--subsample=0.7");
    TrainerArgs b =
        parse("--learning-rate", "0.05", "--trees", "120", "--max-depth", "3", "--subsample", "0.7");
    assertEquals(a, b);
    assertEquals(0.05, a.learningRate());
    assertEquals(120, a.trees());
    assertEquals(3, a.maxDepth());
    assertEquals(0.7, a.subsample());
    assertEquals(8, a.maxNodes(), "max-nodes defaults to 2^max-depth");
    assertFalse(a.help());
  }

  @Test
  void defaultsAndIntegralDecimals() throws Exception {
    TrainerArgs a = parse("--trees=120.0", "--max-depth", "6.0", "--max-nodes=12", "--seed=9");
    assertEquals(0.1, a.learningRate());
    assertEquals(120, a.trees());
    assertEquals(6, a.maxDepth());
    assertEquals(12, a.maxNodes());
    assertEquals(9, a.seed());
    assertEquals(0.8, a.subsample());
    assertEquals(10, a.evalEvery());
    assertTrue(parse("--help").help());
  }

  @Test
  void environmentFallbackWhenFlagMissing() throws Exception {
    Map<String, String> env =
        Map.of(
            "HYPERSWEEP_PARAM_LEARNING_RATE", "0.2",
            "HYPERSWEEP_PARAM_TREES", "30",
            "HYPERSWEEP_PARAM_MAX_DEPTH", "2");
    TrainerArgs a = TrainerArgs.parse(new String[] {"--trees=40"}, env);
    assertEquals(0.2, a.learningRate());
    assertEquals(40, a.trees(), "a flag wins over the environment");
    assertEquals(2, a.maxDepth());
  }

  @Test
  void badArgumentsAreRejectedWithAClearMessage() {
    String[][] bad = {
      {"--learning-rate=0"},
      {"--learning-rate=1.5"},
      {"--learning-rate=abc"},
      {"--trees=0"},
      {"--trees=12.5"},
      {"--max-depth=0"},
      {"--subsample=0"},
      {"--max-nodes=1"},
      {"--trees"},
      {"--bogus=1"},
      {"positional"},
    };
    for (String[] args : bad) {
      TrainerArgs.UsageException e =
          assertThrows(TrainerArgs.UsageException.class, () -> parse(args), String.join(" ", args));
      assertFalse(e.getMessage().isBlank());
    }
    assertTrue(
        assertThrows(TrainerArgs.UsageException.class, () -> parse("--trees=x"))
            .getMessage()
            .contains("--trees"));
  }
}
