package io.hypersweep.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hypersweep.api.HyperparameterSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kubectl get hps shows PHASE PROGRESS BEST AGE, and -o wide adds ALGORITHM POLICY. */
class PrinterColumnOrderTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What fabric8's generator writes: the columns sorted by JSON path. */
  private static final String GENERATED =
      """
      spec:
        versions:
        - additionalPrinterColumns:
          - jsonPath: ".metadata.creationTimestamp"
            name: "Age"
            type: "date"
          - jsonPath: ".status.phase"
            name: "Phase"
            type: "string"
          - jsonPath: ".status.progress"
            name: "Progress"
            type: "string"
          name: "v1alpha1"
          served: true
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "crds/hyperparametersweeps.hypersweep.io-v1.yml",
        "helm/hypersweep/crds/hyperparametersweeps.hypersweep.io-v1.yml"
      })
  void committedCrdListsColumnsInKubectlOrder(String file) throws Exception {
    JsonNode columns =
        YAML.readTree(Path.of(file).toFile()).at("/spec/versions/0/additionalPrinterColumns");
    List<String> names = new ArrayList<>();
    List<String> wideOnly = new ArrayList<>();
    columns.forEach(
        c -> {
          names.add(c.get("name").asText());
          if (c.get("priority").asInt() > 0) {
            wideOnly.add(c.get("name").asText());
          }
        });
    assertThat(names).containsExactly("Phase", "Progress", "Best", "Age", "Algorithm", "Policy");
    assertThat(wideOnly).containsExactly("Algorithm", "Policy");
  }

  @Test
  void declaredOrderIsTheSourceOfTruth() {
    assertThat(PrinterColumnOrder.declaredNames(HyperparameterSweep.class))
        .containsExactly("Phase", "Progress", "Best", "Age", "Algorithm", "Policy");
  }

  @Test
  void reorderMovesWholeEntriesAndLeavesTheRestAlone() throws Exception {
    String out = PrinterColumnOrder.reorder(GENERATED, List.of("Phase", "Progress", "Age"));
    assertThat(out)
        .isEqualTo(
            """
            spec:
              versions:
              - additionalPrinterColumns:
                - jsonPath: ".status.phase"
                  name: "Phase"
                  type: "string"
                - jsonPath: ".status.progress"
                  name: "Progress"
                  type: "string"
                - jsonPath: ".metadata.creationTimestamp"
                  name: "Age"
                  type: "date"
                name: "v1alpha1"
                served: true
            """);
    assertThat(PrinterColumnOrder.reorder(out, List.of("Phase", "Progress", "Age"))).isEqualTo(out);
  }

  @Test
  void rerunningOnTheCommittedCrdChangesNothing() throws Exception {
    String committed = Files.readString(Path.of("crds/hyperparametersweeps.hypersweep.io-v1.yml"));
    assertThat(
            PrinterColumnOrder.reorder(
                committed, PrinterColumnOrder.declaredNames(HyperparameterSweep.class)))
        .isEqualTo(committed);
  }

  @Test
  void aColumnMissingFromTheDeclarationFailsInsteadOfBeingDropped() {
    assertThatThrownBy(() -> PrinterColumnOrder.reorder(GENERATED, List.of("Phase", "Age")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Progress");
    assertThatThrownBy(
            () -> PrinterColumnOrder.reorder(GENERATED, List.of("Phase", "Progress", "Best")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrinterColumnOrder.reorder("spec: {}\n", List.of("Phase")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
