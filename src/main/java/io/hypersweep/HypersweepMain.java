package io.hypersweep;

import io.hypersweep.local.LocalMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/** Entry point: {@code local MANIFEST} runs a sweep on this machine; otherwise the operator. */
@QuarkusMain
public final class HypersweepMain {
  private HypersweepMain() {}

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals("local")) {
      // /q/metrics and /q/health of a laptop run: loopback and a free port, never a fixed 9000.
      System.setProperty(
          "quarkus.management.host", System.getProperty("quarkus.management.host", "127.0.0.1"));
      System.setProperty(
          "quarkus.management.port", System.getProperty("quarkus.management.port", "0"));
      int code = LocalMode.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
      System.exit(code);
    }
    Quarkus.run(OperatorApp.class, args);
  }
}
