package io.hypersweep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reliability report: missing suites say so, figures and verdicts land in the doc section. */
class ReliabilityReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSuiteWithoutFiguresIsNotRunAndOthersShowTheirFigures(@TempDir Path target)
      throws Exception {
    Path bench = Files.createDirectories(target.resolve("bench"));
    Files.writeString(
        bench.resolve("reliability-load.json"),
        "{\"suite\":\"load\",\"sweeps\":20,\"crossTalk\":0,\"crossTalkExamples\":[]}");
    Files.createDirectories(target.resolve("failsafe-reports"));
    Files.writeString(
        target.resolve("failsafe-reports/TEST-io.hypersweep.e2e.LoadSuiteIT.xml"),
        "<?xml version=\"1.0\"?><testsuite name=\"x\" time=\"1\" tests=\"1\" errors=\"0\""
            + " skipped=\"0\" failures=\"1\"></testsuite>");

    Map<ReliabilityReport.Suite, Optional<JsonNode>> figures = new LinkedHashMap<>();
    Map<ReliabilityReport.Suite, ReliabilityReport.TestResult> results = new LinkedHashMap<>();
    for (ReliabilityReport.Suite s : ReliabilityReport.SUITES) {
      figures.put(s, ReliabilityReport.figuresOf(bench, s));
      results.put(s, ReliabilityReport.resultOf(target, s));
    }
    String section = ReliabilityReport.render(figures, results, Map.of("date", "today"));

    assertThat(section)
        .contains(
            "| Load | 1 of 1 failed | sweeps **20**, crossTalk **0**, crossTalkExamples **0** |")
        .contains("| Operator restarts | not run | not run (no figures written) |")
        .startsWith(ReliabilityReport.START)
        .endsWith(ReliabilityReport.END + "\n");
  }

  @Test
  void aFiguresFileNoSuiteClaimsGetsARowOfItsOwn(@TempDir Path bench) throws Exception {
    Files.writeString(bench.resolve("reliability-chaos.json"), "{\"suite\":\"chaos\",\"n\":3}");
    Files.writeString(bench.resolve("reliability-load.json"), "{}");
    Files.writeString(bench.resolve("reliability.json"), "{}");
    assertThat(ReliabilityReport.unclaimed(bench))
        .singleElement()
        .satisfies(s -> assertThat(s.key()).isEqualTo("chaos"));
    ReliabilityReport.Suite chaos = ReliabilityReport.unclaimed(bench).get(0);
    Map<ReliabilityReport.Suite, Optional<JsonNode>> figures = new LinkedHashMap<>();
    figures.put(chaos, ReliabilityReport.figuresOf(bench, chaos));
    assertThat(ReliabilityReport.render(figures, Map.of(), Map.of()))
        .contains("| chaos | - | n **3** |");
  }

  @Test
  void trialModesBecomeATable() throws Exception {
    JsonNode trials =
        JSON.readTree(
            "{\"modes\":[{\"mode\":\"evicted\",\"expectedState\":\"Failed\","
                + "\"expectedReason\":\"Evicted\",\"observedState\":\"Failed\","
                + "\"observedReason\":\"Error\",\"sweepEnded\":true,"
                + "\"sweepOutcome\":\"Succeeded/MaxTrialsReached\",\"ok\":false}]}");
    assertThat(ReliabilityReport.scalars(trials)).isEqualTo("modes ok **0/1**");
    assertThat(ReliabilityReport.modesTable(trials.get("modes")))
        .contains(
            "| evicted | Failed / Evicted | Failed / Error | ended Succeeded/MaxTrialsReached |"
                + " **no** |");
  }

  @Test
  void nestedFiguresAreShownInline() throws Exception {
    JsonNode faults =
        JSON.readTree("{\"requests\":10,\"faultsByKind\":{\"status500\":2,\"dropped\":1}}");
    assertThat(ReliabilityReport.scalars(faults))
        .isEqualTo("requests **10**, faultsByKind **{status500 2, dropped 1}**");
  }

  @Test
  void theSectionBetweenTheMarkersIsReplacedAndTheProseKept() {
    String doc =
        "# Reliability\n\nprose\n\n"
            + ReliabilityReport.START
            + "\nold figures\n"
            + ReliabilityReport.END
            + "\n\nmore prose\n";
    String section = ReliabilityReport.START + "\nnew\n" + ReliabilityReport.END + "\n";
    assertThat(ReliabilityReport.replaceSection(doc, section))
        .isEqualTo("# Reliability\n\nprose\n\n" + section + "\nmore prose\n");
    assertThat(ReliabilityReport.replaceSection("# R\n", section))
        .isEqualTo("# R\n\n## Latest figures\n\n" + section);
  }
}
