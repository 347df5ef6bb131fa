package io.hypersweep.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of ${params.NAME} substitution. */
class ParameterSubstitutionTest {
  private static final Map<String, String> PARAMS = Map.of("lr", "0.001", "depth", "4");

  private static String apply(String text) {
    return ParameterSubstitution.apply(text, PARAMS, 7, "demo");
  }

  @Test
  void replacesParametersTrialNumberAndSweepName() {
    assertThat(apply("--lr=${params.lr}")).isEqualTo("--lr=0.001");
    assertThat(apply("${params.lr}${params.depth}")).isEqualTo("0.0014");
    assertThat(apply("out/${sweep.name}/${trial.number}/d${params.depth}"))
        .isEqualTo("out/demo/7/d4");
  }

  @Test
  void leavesOtherPlaceholdersAlone() {
    assertThat(apply("${HOME}/x $(HOME) $HOME ${params} ${trial.name} ${PARAMS.lr}"))
        .isEqualTo("${HOME}/x $(HOME) $HOME ${params} ${trial.name} ${PARAMS.lr}");
    assertThat(apply("no references")).isEqualTo("no references");
    assertThat(apply("")).isEmpty();
    assertThat(apply(null)).isNull();
  }

  @Test
  void unknownParameterReferenceIsLeftAsWritten() {
    assertThat(apply("--x=${params.nope} --lr=${params.lr}"))
        .isEqualTo("--x=${params.nope} --lr=0.001");
  }

  @Test
  void replacementTextIsTakenLiterally() {
    Map<String, String> tricky = Map.of("p", "$1\\${params.p}");
    assertThat(ParameterSubstitution.apply("v=${params.p}", tricky, 1, "s"))
        .isEqualTo("v=$1\\${params.p}");
  }

  @Test
  void unknownReferencesListsOnlyUnknownParameters() {
    assertThat(
            ParameterSubstitution.unknownReferences(
                "${params.lr} ${params.nope} ${trial.number} ${sweep.name} ${HOME} ${params.x}",
                Set.of("lr", "depth")))
        .containsExactly("nope", "x");
    assertThat(ParameterSubstitution.unknownReferences("${params.lr}", Set.of("lr"))).isEmpty();
    assertThat(ParameterSubstitution.unknownReferences(null, Set.of())).isEmpty();
  }
}
