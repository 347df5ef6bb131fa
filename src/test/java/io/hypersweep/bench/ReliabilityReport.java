package io.hypersweep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report step of {@code ./mvnw -B -Preliability verify}: merges every suite's
 * target/bench/reliability-*.json into target/bench/reliability.json and rewrites the figures
 * section of docs/reliability.md. A suite that wrote nothing gets a row saying it did not run.
 */
public final class ReliabilityReport {
  static final String START = "<!-- reliability-figures:start -->";
  static final String END = "<!-- reliability-figures:end -->";

  /**
   * One reliability suite: its figures file is the first reliability-*.json whose name contains
   * {@code fileKey}; its pass or fail comes from the test reports of {@code testClasses}.
   */
  record Suite(String key, String title, String fileKey, List<String> testClasses) {}

  static final List<Suite> SUITES =
      List.of(
          new Suite("restart", "Operator restarts", "restart", List.of("e2e.RestartSuiteIT")),
          new Suite("apifault", "API server faults", "fault", List.of("e2e.ApiFaultSuiteIT")),
          new Suite("trials", "Trial failures", "trials", List.of("e2e.TrialFailureSuiteIT")),
          new Suite("load", "Load", "load", List.of("e2e.LoadSuiteIT")),
          new Suite(
              "badinput",
              "Bad input",
              "badinput",
              List.of(
                  "badinput.ManifestCorpusTest",
                  "badinput.SweepValidatorFuzzTest",
                  "badinput.MetricParserFuzzTest")));

  /** How a suite's tests ended, from the surefire and failsafe XML reports. */
  record TestResult(int tests, int failed) {
    static final TestResult NOT_RUN = new TestResult(0, 0);

    String verdict() {
      return tests == 0 ? "not run" : failed == 0 ? "passed" : failed + " of " + tests + " failed";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReliabilityReport() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of("target");
    Path bench = target.resolve("bench");
    Files.createDirectories(bench);
    Map<Suite, Optional<JsonNode>> figures = new LinkedHashMap<>();
    Map<Suite, TestResult> results = new LinkedHashMap<>();
    List<Suite> suites = new ArrayList<>(SUITES);
    suites.addAll(unclaimed(bench));
    for (Suite s : suites) {
      figures.put(s, figuresOf(bench, s));
      results.put(s, resultOf(target, s));
    }
    ObjectNode merged = JSON.createObjectNode();
    merged.putPOJO("machine", Machine.describe());
    ObjectNode bySuite = merged.putObject("suites");
    for (Suite s : suites) {
      ObjectNode node = bySuite.putObject(s.key());
      node.put("result", results.get(s).verdict());
      figures.get(s).ifPresentOrElse(f -> node.set("figures", f), () -> node.putNull("figures"));
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(bench.resolve("reliability.json").toFile(), merged);
    Path doc = Path.of("docs", "reliability.md");
    String old = Files.exists(doc) ? Files.readString(doc) : "# Reliability\n";
    String section = render(figures, results, Machine.describe());
    Files.writeString(doc, replaceSection(old, section));
    System.out.println(section);
    List<String> failed =
        suites.stream().filter(s -> results.get(s).failed() > 0).map(Suite::title).toList();
    if (!failed.isEmpty()) {
      // The suites' failures were ignored so that every suite ran; the command still fails.
      System.err.println("reliability suites with failures: " + failed);
      System.exit(1);
    }
  }

  /** Figures files no known suite claims, each shown as a suite of its own. */
  static List<Suite> unclaimed(Path bench) throws IOException {
    if (!Files.isDirectory(bench)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(bench)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("reliability-") && n.endsWith(".json"))
          .filter(n -> SUITES.stream().noneMatch(s -> n.contains(s.fileKey())))
          .sorted()
          .map(n -> n.substring("reliability-".length(), n.length() - ".json".length()))
          .map(k -> new Suite(k, k, "reliability-" + k + ".json", List.of()))
          .toList();
    }
  }

  static Optional<JsonNode> figuresOf(Path bench, Suite suite) throws IOException {
    if (!Files.isDirectory(bench)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(bench)) {
      Optional<Path> file =
          files
              .filter(p -> p.getFileName().toString().startsWith("reliability-"))
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(p -> p.getFileName().toString().contains(suite.fileKey()))
              .sorted()
              .findFirst();
      return file.isEmpty() ? Optional.empty() : Optional.of(JSON.readTree(file.get().toFile()));
    }
  }

  private static final Pattern COUNTS =
      Pattern.compile(
          "<testsuite[^>]*?\\btests=\"(\\d+)\"[^>]*?\\berrors=\"(\\d+)\"[^>]*?\\bfailures=\"(\\d+)\"");

  static TestResult resultOf(Path target, Suite suite) throws IOException {
    int tests = 0;
    int failed = 0;
    for (String cls : suite.testClasses()) {
      for (String dir : List.of("surefire-reports", "failsafe-reports")) {
        Path xml = target.resolve(dir).resolve("TEST-io.hypersweep." + cls + ".xml");
        if (Files.exists(xml)) {
          TestResult r = parse(Files.readString(xml));
          tests += r.tests();
          failed += r.failed();
        }
      }
    }
    return new TestResult(tests, failed);
  }

  static TestResult parse(String xml) {
    Matcher m = COUNTS.matcher(xml);
    if (!m.find()) {
      return TestResult.NOT_RUN;
    }
    return new TestResult(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)));
  }

  /** The generated section: a row per suite, then the trial-failure modes as observed. */
  static String render(
      Map<Suite, Optional<JsonNode>> figures,
      Map<Suite, TestResult> results,
      Map<String, String> machine) {
    StringBuilder s = new StringBuilder();
    s.append(START).append('\n');
    s.append("_Generated by `ReliabilityReport` from `target/bench/reliability-*.json`; ")
        .append(machine.getOrDefault("date", ""))
        .append(" UTC, ")
        .append(machine.getOrDefault("nproc", "?"))
        .append(" cores (")
        .append(machine.getOrDefault("cpu", "?"))
        .append("), ")
        .append(machine.getOrDefault("java", ""))
        .append("._\n\n");
    s.append("| suite | tests | figures |\n|---|---|---|\n");
    for (Map.Entry<Suite, Optional<JsonNode>> e : figures.entrySet()) {
      Suite suite = e.getKey();
      TestResult result = results.getOrDefault(suite, TestResult.NOT_RUN);
      String shown =
          e.getValue().map(ReliabilityReport::scalars).orElse("not run (no figures written)");
      s.append("| ")
          .append(suite.title())
          .append(" | ")
          .append(suite.testClasses().isEmpty() ? "-" : result.verdict())
          .append(" | ")
          .append(shown)
          .append(" |\n");
    }
    SUITES.stream()
        .filter(x -> x.key().equals("trials"))
        .findFirst()
        .flatMap(t -> figures.getOrDefault(t, Optional.empty()))
        .map(t -> t.get("modes"))
        .filter(JsonNode::isArray)
        .ifPresent(modes -> s.append('\n').append(modesTable(modes)));
    s.append(END).append('\n');
    return s.toString();
  }

  /**
   * The figures of a suite as {@code name value} pairs; lists only by their size, objects (e.g.
   * faults by kind) inline.
   */
  static String scalars(JsonNode node) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("suite")) {
        continue;
      }
      JsonNode v = f.getValue();
      if (v.isValueNode()) {
        parts.add(f.getKey() + " **" + v.asText() + "**");
      } else if (v.isArray() && f.getKey().equals("modes")) {
        long ok = 0;
        for (JsonNode row : v) {
          ok += row.path("ok").asBoolean() ? 1 : 0;
        }
        parts.add("modes ok **" + ok + "/" + v.size() + "**");
      } else if (v.isArray()) {
        parts.add(f.getKey() + " **" + v.size() + "**");
      } else if (v.isObject()) {
        List<String> inner = new ArrayList<>();
        v.fields().forEachRemaining(e -> inner.add(e.getKey() + " " + e.getValue().asText()));
        parts.add(f.getKey() + " **{" + String.join(", ", inner) + "}**");
      }
    }
    return String.join(", ", parts).replace("|", "\\|");
  }

  static String modesTable(JsonNode modes) {
    StringBuilder s = new StringBuilder();
    s.append("Trial failure modes as observed:\n\n");
    s.append("| mode | expected | observed | sweep | ok |\n|---|---|---|---|---|\n");
    for (JsonNode m : modes) {
      String sweep =
          m.has("sweepOutcome")
              ? m.get("sweepOutcome").asText()
              : m.has("trialsLaunched")
                  ? m.get("trialsLaunched").asText()
                      + " trials launched (at most "
                      + m.path("mostLaunchesAllowed").asText()
                      + "), "
                      + m.path("failedTrials").asText()
                      + " failed"
                  : "";
      s.append("| ")
          .append(m.path("mode").asText())
          .append(" | ")
          .append(m.path("expectedState").asText())
          .append(" / ")
          .append(m.path("expectedReason").asText())
          .append(" | ")
          .append(m.path("observedState").asText())
          .append(" / ")
          .append(m.path("observedReason").asText())
          .append(" | ")
          .append(m.path("sweepEnded").asBoolean() ? "ended " : "did not end ")
          .append(sweep)
          .append(" | ")
          .append(m.path("ok").asBoolean() ? "yes" : "**no**")
          .append(" |\n");
    }
    return s.toString();
  }

  /**
   * {@code doc} with its figures section replaced by {@code section}, or appended if it has none.
   */
  static String replaceSection(String doc, String section) {
    int start = doc.indexOf(START);
    int end = doc.indexOf(END);
    if (start < 0 || end < start) {
      return doc.stripTrailing() + "\n\n## Latest figures\n\n" + section;
    }
    String after = doc.substring(end + END.length());
    return doc.substring(0, start) + section + after.replaceFirst("^\\r?\\n", "");
  }
}
