package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.api.SweepPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An invalid spec gets a condition naming the field and no Jobs; fixing it recovers. */
class InvalidSpecIT {

  @Test
  void invalidSpecIsReportedAndACorrectedSpecRecovers() throws Exception {
    FakeTrainer trainer = new FakeTrainer(env -> FakeTrainer.Outcome.succeed("score=1"));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          SweepLifecycleIT.manifest("broken", "")
              .replace("x: {uniform: [0.0, 1.0]}", "x: {uniform: [1.0, 0.0]}"));
      HyperparameterSweep invalid = h.awaitPhase("broken", SweepPhase.Invalid);
      Condition valid =
          invalid.getStatus().conditions.stream()
              .filter(c -> c.getType().equals("Valid"))
              .findFirst()
              .orElseThrow();
      assertThat(valid.getStatus()).isEqualTo("False");
      assertThat(valid.getReason()).isEqualTo("InvalidSpec");
      assertThat(valid.getMessage()).contains("spec.parameters.x");
      assertThat(h.jobs("broken")).isEmpty();

      HyperparameterSweep fixed = h.get("broken");
      ParameterSpec x = new ParameterSpec();
      x.uniform = List.of(0.0, 1.0);
      fixed.getSpec().parameters.put("x", x);
      h.client().resource(fixed).update();
      HyperparameterSweep done = h.awaitPhase("broken", SweepPhase.Succeeded);
      assertThat(done.getStatus().trials).hasSize(8);
      assertThat(done.getStatus().conditions)
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Valid");
                assertThat(c.getStatus()).isEqualTo("True");
              });
    }
  }
}
