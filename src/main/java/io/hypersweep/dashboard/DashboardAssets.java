package io.hypersweep.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, read once from the jar: its own pages, scripts and styles under
 * {@code dashboard/}, and ECharts from the {@code org.mvnpm:echarts} jar. Only listed names exist.
 */
final class DashboardAssets {
  /** A file and its content type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";

  /** Served name to classpath resource; the ECharts path is completed with its jar's version. */
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "dashboard/index.html",
          "sweep.html", "dashboard/sweep.html",
          "static/app.css", "dashboard/app.css",
          "static/common.js", "dashboard/common.js",
          "static/sweeps.js", "dashboard/sweeps.js",
          "static/sweep.js", "dashboard/sweep.js",
          "static/echarts.min.js", "META-INF/resources/_static/echarts/%s/dist/echarts.min.js");

  private static final String ECHARTS_POM = "META-INF/maven/org.mvnpm/echarts/pom.properties";

  private final ClassLoader loader;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  DashboardAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** The file served at {@code /dashboard/NAME}, or empty when there is none. */
  Optional<Asset> find(String name) {
    String resource = FILES.get(name);
    if (resource == null) {
      return Optional.empty();
    }
    return Optional.of(cache.computeIfAbsent(name, n -> load(n, resource)));
  }

  private Asset load(String name, String resource) {
    String path = resource.contains("%s") ? resource.formatted(echartsVersion()) : resource;
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file " + path + " is not on the classpath");
      }
      return new Asset(in.readAllBytes(), contentType(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Read from the jar itself, so a version bump in the pom needs no code change. */
  private String echartsVersion() {
    try (InputStream in = loader.getResourceAsStream(ECHARTS_POM)) {
      if (in == null) {
        throw new IllegalStateException("org.mvnpm:echarts is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return HTML;
    }
    return name.endsWith(".css") ? CSS : JS;
  }
}
