package io.hypersweep.local;

import io.hypersweep.api.HyperparameterSweep;
import java.io.PrintStream;

/** The state one local-mode run shares between its launcher and its Quarkus application. */
final class LocalSession {
  final LocalCluster cluster;
  final HyperparameterSweep sweep;
  final PrintStream out;
  final PrintStream err;

  /** Keep the operator and its dashboard up after the sweep ends, until the process is stopped. */
  final boolean serve;

  private volatile int exitCode = 1;

  LocalSession(
      LocalCluster cluster,
      HyperparameterSweep sweep,
      PrintStream out,
      PrintStream err,
      boolean serve) {
    this.cluster = cluster;
    this.sweep = sweep;
    this.out = out;
    this.err = err;
    this.serve = serve;
  }

  void exit(int code, Throwable failure) {
    exitCode = code;
    if (failure != null) {
      err.println("local mode failed: " + failure);
    }
  }

  int exitCode() {
    return exitCode;
  }
}
