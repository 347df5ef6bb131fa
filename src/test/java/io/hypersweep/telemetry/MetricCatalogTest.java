package io.hypersweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypersweep.api.EarlyTerminationPolicy;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialState;
import io.hypersweep.search.SamplerFixtures;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchHistory;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the README name exactly the series the code registers, so neither can
 * drift from it: the registered names come from a real scrape after every meter was exercised.
 */
class MetricCatalogTest {
  static final Path DASHBOARD = Path.of("docs/grafana-dashboard.json");
  static final Path README = Path.of("README.md");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring");

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  Set<String> samples;

  @BeforeEach
  void exerciseEveryMeter() throws Exception {
    OperatorMetrics operator = OperatorMetrics.install(registry);
    SweepStatus next =
        SweepMetricsTest.status(
            SweepPhase.Running,
            0.5,
            StatusDeltaTest.trial(1, TrialState.EarlyStopped),
            StatusDeltaTest.trial(2, TrialState.Running));
    next.trialSecondsSaved = 10L;
    SweepMetrics.shared()
        .record(
            SweepMetricsTest.sweep("s", "loss", EarlyTerminationPolicy.BANDIT),
            new SweepStatus(),
            next);
    SweepMetrics.shared()
        .timed(Samplers.create(null, SamplerFixtures.braninSpace()).sampler())
        .suggest(1, SearchHistory.EMPTY);
    operator.timeControllerExecution(reconcile());
    samples =
        PrometheusText.parse(registry.scrape()).samples().stream()
            .map(PrometheusText.Sample::name)
            .collect(Collectors.toCollection(TreeSet::new));
  }

  @AfterEach
  void uninstall() {
    OperatorMetrics.uninstall();
  }

  @Test
  void everyMetricTheDashboardQueriesIsRegistered() throws Exception {
    List<String> exprs = dashboardQueries();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(10);
    for (String expr : exprs) {
      Set<String> names = metricNames(expr);
      assertThat(names).as("metrics in %s", expr).isNotEmpty();
      assertThat(samples).as("registered series, for %s", expr).containsAll(names);
    }
  }

  @Test
  void everyHypersweepMetricHasAPanelAndAReadmeEntry() throws Exception {
    Set<String> queried = new TreeSet<>();
    for (String expr : dashboardQueries()) {
      queried.addAll(metricNames(expr));
    }
    Set<String> queriedFamilies =
        queried.stream().map(this::family).collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = names(Files.readString(README), "(hypersweep|operator_sdk)_[a-z_]+");
    Set<String> families = families();
    assertThat(families).contains("operator_sdk_controllers_execution_reconcile_seconds");
    for (String f : families) {
      if (f.startsWith("hypersweep_")) {
        assertThat(queriedFamilies).as("dashboard panels").contains(f);
        assertThat(documented).as("README").contains(f);
      }
    }
    for (String name : documented) {
      assertThat(families).as("README names %s", name).contains(family(name));
    }
  }

  @Test
  void queryParsingSeparatesMetricsFromFunctionsAndLabels() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, algorithm) (rate(a_bucket{x=~\"$v\"}[5m])))"
                    + " / on (le) b_total offset 1h"))
        .containsExactlyInAnyOrder("a_bucket", "b_total");
    assertThat(metricNames("label_values(c_total{namespace=~\"$namespace\"}, sweep)"))
        .containsExactly("c_total");
  }

  /** Every PromQL expression of the panels and template variables. */
  static List<String> dashboardQueries() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : root.path("panels")) {
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : root.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode q = variable.path("query");
        exprs.add(q.isObject() ? q.path("query").asText() : q.asText());
      }
    }
    return exprs;
  }

  /** The metric names an expression selects: identifiers that are no function, label or keyword. */
  static Set<String> metricNames(String expr) {
    String s = expr.trim();
    Matcher labelValues = Pattern.compile("^label_values\\((.*),[^,]*\\)$").matcher(s);
    if (labelValues.matches()) {
      s = labelValues.group(1);
    }
    s =
        s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\$\\w+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String rest = s.substring(m.end()).stripLeading();
      boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!rest.startsWith("(") && !PROMQL_WORDS.contains(m.group()) && !number) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** Series names with a histogram's _bucket, _count, _sum and _max folded into its family. */
  private Set<String> families() {
    return samples.stream().map(this::family).collect(Collectors.toCollection(TreeSet::new));
  }

  private String family(String name) {
    for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (samples.contains(base + "_bucket")) {
          return base;
        }
      }
    }
    return name;
  }

  private static Set<String> names(String text, String regex) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** One reconcile as JOSDK's dispatcher reports it to {@link Metrics#timeControllerExecution}. */
  private static Metrics.ControllerExecution<String> reconcile() {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "hyperparametersweepreconciler";
      }

      @Override
      public String successTypeName(String result) {
        return "resource";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("s", "team-a");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public String execute() {
        return "done";
      }
    };
  }
}
