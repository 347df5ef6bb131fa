package io.hypersweep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: the packaged operator runs a 12-trial sweep in local
 * mode with {@code --serve} (succeeded, failed and early-stopped trials, and a parameter value that
 * is markup), and the charts, table and events are checked against the trial table local mode
 * printed. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserIT {
  private static final String DRIVER =
      System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
  private static final String BROWSER =
      System.getProperty("hypersweep.chromium", "/usr/bin/chromium");
  private static final String SWEEP = "dashboard-demo";
  private static final String MARKUP = "<script>alert(1)</script>";
  private static final List<String> FINISHED =
      List.of("Succeeded", "Failed", "EarlyStopped", "Stopped");
  private static final Path OUT = Path.of("target");

  private static LocalModeProcess local;
  private static String base;
  private static Map<Integer, String> printed;
  private static ChromeDriverService service;
  private static ChromeDriver driver;

  @BeforeAll
  static void runSweepAndOpenBrowser() throws Exception {
    Assumptions.assumeTrue(
        new File(DRIVER).canExecute(),
        DRIVER + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
    local =
        new LocalModeProcess(
            Path.of("").toAbsolutePath(),
            Path.of("src/test/resources/dashboard/sweep.yaml").toAbsolutePath(),
            OUT.resolve("dashboard-it/local-mode.log"));
    String line = local.awaitLine(l -> l.startsWith("Dashboard: http://"), Duration.ofMinutes(2));
    base = line.substring("Dashboard: ".length()).trim();
    assertThat(base).matches("http://127\\.0\\.0\\.1:[0-9]+/dashboard/");
    local.awaitLine(
        l -> l.contains("(still serving; press Ctrl-C to stop)"), Duration.ofMinutes(4));
    printed = local.lastTable(SWEEP);

    System.setProperty("webdriver.chrome.driver", DRIVER);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    if (new File(BROWSER).canExecute()) {
      options.setBinary(BROWSER);
    }
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (local != null) {
      // --serve keeps running until stopped; SIGTERM (like Ctrl-C) must end it.
      boolean ended = local.stop(Duration.ofSeconds(30));
      local.close();
      assertThat(ended).as("local mode --serve ends on SIGTERM").isTrue();
    }
  }

  @Test
  void sweepsAndSweepPagesShowEveryTrialAsText() throws Exception {
    assertThat(printed).hasSize(12);
    Map<String, Long> states =
        printed.values().stream()
            .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    // The sweep is built to have each kind: the charts must tell them apart.
    assertThat(states).containsKeys("Succeeded", "Failed", "EarlyStopped");
    long finished = printed.values().stream().filter(FINISHED::contains).count();
    JsonNode detail = getJson(base + "api/namespaces/default/sweeps/" + SWEEP);

    // The sweeps page.
    driver.get(base);
    awaitLoaded();
    WebElement row = driver.findElement(By.cssSelector("#sweeps tr[data-name='" + SWEEP + "']"));
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo("default");
    assertThat(cells.get(2).getText()).startsWith("Succeeded");
    assertThat(cells.get(3).getText()).startsWith("12/12");
    assertThat(cells.get(4).getText()).startsWith("score = ");
    screenshot("sweeps.png");

    // The sweep page, reached through the link.
    row.findElement(By.tagName("a")).click();
    awaitLoaded();
    assertThat(driver.getCurrentUrl()).endsWith("sweep.html?namespace=default&name=" + SWEEP);

    Map<String, Long> best = seriesSizes("best-chart");
    for (String state : FINISHED) {
      assertThat(best.get("state-" + state))
          .as("best-so-far dots of %s", state)
          .isEqualTo(states.getOrDefault(state, 0L));
    }
    assertThat(sum(best, "state-")).isEqualTo(finished);

    Map<String, Long> parallel = seriesSizes("parallel-chart");
    for (String state : FINISHED) {
      assertThat(parallel.get("parallel-" + state))
          .as("parallel lines of %s", state)
          .isEqualTo(states.getOrDefault(state, 0L));
    }
    assertThat(sum(parallel, "parallel-")).isEqualTo(finished);

    Map<String, Long> curves = seriesSizes("curves-chart");
    long withCurves = 0;
    for (JsonNode t : detail.get("trials")) {
      if (t.get("curve").size() > 0) {
        withCurves++;
        assertThat(curves.get("curve-" + t.get("number").asInt()))
            .as("points of trial %s's curve", t.get("number"))
            .isEqualTo(t.get("curve").size());
      }
    }
    assertThat(withCurves).isGreaterThan(0);
    assertThat(curves.keySet().stream().filter(k -> k.startsWith("curve-")).count())
        .isEqualTo(withCurves);
    assertThat(curves.get("stopped-at")).isEqualTo(states.get("EarlyStopped"));

    // The markup in a parameter value is text in the table, the events and the tooltips.
    List<String> tags = columnTexts("p:tag");
    assertThat(tags).hasSize(12).contains(MARKUP);
    assertThat(driver.findElements(By.cssSelector("#events td")).stream().map(WebElement::getText))
        .anyMatch(t -> t.contains("tag=" + MARKUP));
    int markupTrial = markupTrial();
    String tooltip = showTooltip("best-chart", markupTrial);
    assertThat(tooltip).contains("trial " + markupTrial).contains("tag = " + MARKUP);
    assertNothingInjected();

    // The table sorts by any column; missing values stay last.
    assertThat(columnTexts("number")).containsExactly(numbers(1, 12));
    sortBy("objective");
    List<Double> ascending = values(columnTexts("objective"));
    assertThat(ascending).isSorted();
    assertThat(header("objective").getAttribute("aria-sort")).isEqualTo("ascending");
    sortBy("objective");
    List<Double> descending = values(columnTexts("objective"));
    assertThat(descending).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(descending).hasSameElementsAs(ascending);
    assertThat(columnTexts("objective").subList(ascending.size(), 12)).allMatch(String::isEmpty);
    sortBy("number");
    assertThat(columnTexts("number")).containsExactly(numbers(1, 12));
    sortBy("number");
    assertThat(columnTexts("number").get(0)).isEqualTo("12");
    sortBy("number");

    assertThat(driver.findElement(By.id("spec")).getText()).contains("medianStopping");
    assertThat(driver.findElements(By.cssSelector("#conditions tbody tr"))).hasSize(3);
    screenshot("sweep.png");

    List<LogEntry> problems =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertThat(problems)
        .as("browser console warnings and errors (CSP violations among them)")
        .isEmpty();
  }

  @Test
  void servesSecurityHeadersAndIsReadOnly() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("", "sweep.html", "static/sweep.js", "api/sweeps")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(DashboardHandler.CSP);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "api/sweeps"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private static void awaitLoaded() {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
  }

  /** Series id to number of data items, read from the chart's ECharts instance. */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> seriesSizes(String chartId) {
    List<Map<String, Object>> series =
        (List<Map<String, Object>>)
            js(
                "const o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();"
                    + " return o.series.map(s => ({id: String(s.id), n: s.data.length}));",
                chartId);
    Map<String, Long> sizes = new TreeMap<>();
    series.forEach(s -> sizes.put((String) s.get("id"), ((Number) s.get("n")).longValue()));
    return sizes;
  }

  private static long sum(Map<String, Long> sizes, String prefix) {
    return sizes.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static int markupTrial() {
    for (WebElement row : driver.findElements(By.cssSelector("#trials tbody tr"))) {
      if (row.findElement(By.cssSelector("td[data-key='p:tag']")).getText().equals(MARKUP)) {
        return Integer.parseInt(row.getAttribute("data-trial"));
      }
    }
    throw new AssertionError("no trial with the markup tag");
  }

  /** Shows the tooltip of a trial's dot and returns the tooltip's text. */
  private static String showTooltip(String chartId, int trial) {
    js(
        "const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
            + " c.getOption().series.forEach((s, si) => s.data.forEach((d, di) => {"
            + "   if (d && d.trial === arguments[1]) c.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: di});"
            + " }));",
        chartId,
        trial);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    return wait.until(
        d -> {
          Object text =
              js(
                  "const t = [...document.getElementById(arguments[0]).querySelectorAll('div')]"
                      + ".find(e => e.textContent.includes('trial ' + arguments[1] + ' '));"
                      + " return t ? t.innerText : null;",
                  chartId,
                  trial);
          return (String) text;
        });
  }

  /** No alert opened, no element was created from the markup, no script ran but ours. */
  private static void assertNothingInjected() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    @SuppressWarnings("unchecked")
    List<String> scripts =
        (List<String>)
            js("return [...document.querySelectorAll('script')].map(s => s.getAttribute('src'));");
    assertThat(scripts)
        .containsExactly("static/echarts.min.js", "static/common.js", "static/sweep.js");
  }

  private static WebElement header(String key) {
    return driver.findElement(By.cssSelector("#trials th[data-key='" + key + "']"));
  }

  private static void sortBy(String key) {
    header(key).findElement(By.tagName("button")).click();
  }

  private static List<String> columnTexts(String key) {
    return driver.findElements(By.cssSelector("#trials tbody td[data-key='" + key + "']")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static List<Double> values(List<String> texts) {
    return texts.stream().filter(t -> !t.isEmpty()).map(Double::valueOf).toList();
  }

  private static String[] numbers(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to)
        .mapToObj(String::valueOf)
        .toArray(String[]::new);
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  /** A screenshot of the whole page: the window is made as tall as the page first. */
  private static void screenshot(String name) throws Exception {
    long height =
        ((Number) js("window.scrollTo(0, 0); return document.documentElement.scrollHeight;"))
            .longValue();
    driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 20, 4000)));
    Path target = OUT.resolve("screenshots").resolve(name);
    Files.createDirectories(target.getParent());
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }
}
