package io.hypersweep.local;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.quarkus.runtime.Quarkus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one sweep on this machine: an embedded API server, the operator against it, and trials as
 * local processes. Exit code 0 when the sweep succeeds, 1 when it fails, 2 for bad input.
 */
public final class LocalMode {
  static final String USAGE = "usage: hypersweep local MANIFEST.yaml [--namespace NS] [--serve]";

  /** What the Quarkus application of local mode needs; set once before Quarkus starts. */
  static volatile LocalSession session;

  private LocalMode() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args[0].startsWith("-")) {
      err.println(USAGE);
      return 2;
    }
    String namespace = "default";
    boolean serve = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--namespace") && i + 1 < args.length) {
        namespace = args[++i];
      } else if (args[i].equals("--serve")) {
        serve = true;
      } else {
        err.println("unknown option " + args[i] + "\n" + USAGE);
        return 2;
      }
    }
    HyperparameterSweep sweep;
    try {
      sweep = read(Path.of(args[0]));
    } catch (Exception e) {
      err.println("cannot read " + args[0] + ": " + e.getMessage());
      return 2;
    }
    if (sweep.getMetadata().getNamespace() == null) {
      sweep.getMetadata().setNamespace(namespace);
    }
    LocalCluster cluster = LocalCluster.start();
    try (LocalExecutor executor =
        new LocalExecutor(
                cluster.client(),
                cluster.logs(),
                new ProcessTrialRunner(Path.of("").toAbsolutePath()))
            .start()) {
      session = new LocalSession(cluster, sweep, out, err, serve);
      // The operator is the production one, pointed at the embedded API server.
      System.setProperty("quarkus.kubernetes-client.api-server-url", cluster.url());
      System.setProperty("quarkus.kubernetes-client.trust-certs", "true");
      System.setProperty("quarkus.kubernetes-client.namespace", namespace);
      // Local mode must not collide with whatever already listens on 8080 on a laptop.
      System.setProperty("quarkus.http.host", System.getProperty("quarkus.http.host", "127.0.0.1"));
      System.setProperty("quarkus.http.port", System.getProperty("quarkus.http.port", "0"));
      if (System.getProperty("quarkus.log.level") == null) {
        System.setProperty("quarkus.log.level", "WARN");
      }
      Quarkus.run(LocalSweepApp.class, (code, failure) -> session.exit(code, failure));
      return session.exitCode();
    } catch (Exception e) {
      err.println("local mode failed: " + e.getMessage());
      return 1;
    } finally {
      cluster.close();
    }
  }

  static HyperparameterSweep read(Path file) throws Exception {
    String yaml = Files.readString(file);
    HyperparameterSweep sweep;
    try {
      sweep = Serialization.unmarshal(yaml, HyperparameterSweep.class);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a HyperparameterSweep manifest: " + e.getMessage());
    }
    if (sweep == null || sweep.getMetadata() == null || sweep.getMetadata().getName() == null) {
      throw new IllegalArgumentException("the manifest needs metadata.name");
    }
    if (!"HyperparameterSweep".equals(sweep.getKind())) {
      throw new IllegalArgumentException(
          "kind must be HyperparameterSweep, got " + sweep.getKind());
    }
    return sweep;
  }
}
