package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a GitOps tool does to a sweep: re-apply the same manifest, raise its budget, or push a spec
 * change that the CRD's transition rules would refuse (the test server, like an API server without
 * CEL, lets it through).
 */
class GitOpsIT {

  private static String manifest(String name, int maxTrials, String params) {
    return Manifests.sweep(
        name,
        "{metric: score, goal: maximize}",
        params,
        "{algorithm: random, seed: 5}",
        "{maxTrials: " + maxTrials + ", maxConcurrentTrials: 2}");
  }

  private static String manifest(String name, int maxTrials) {
    return manifest(name, maxTrials, "{x: {uniform: [0.0, 1.0]}}");
  }

  private static HyperparameterSweep parse(String yaml) {
    HyperparameterSweep sweep = Serialization.unmarshal(yaml, HyperparameterSweep.class);
    sweep.getMetadata().setNamespace(SweepHarness.NS);
    return sweep;
  }

  private static List<Event> events(SweepHarness h, String sweep) {
    return h.client().v1().events().inNamespace(SweepHarness.NS).list().getItems().stream()
        .filter(e -> sweep.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void reApplyingTheSameManifestChangesNothing() throws Exception {
    try (SweepHarness h = new SweepHarness(SweepLifecycleIT.scoreIsX(0))) {
      String yaml = manifest("same", 4);
      h.apply(yaml);
      HyperparameterSweep done = h.awaitPhase("same", SweepPhase.Succeeded);
      SweepStatus status = done.getStatus();
      int events = events(h, "same").size();

      // kubectl replace: the same spec on top of the stored object.
      HyperparameterSweep replacement = parse(yaml);
      replacement.getMetadata().setResourceVersion(done.getMetadata().getResourceVersion());
      h.client().resource(replacement).update();
      // kubectl apply / Argo CD with a whole manifest: create, or else replace with the same spec.
      // (Not a merge patch: the test server concatenates lists when it merges.)
      h.client()
          .resource(parse(yaml))
          .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
      // A restarted operator reconciles every sweep from scratch.
      h.stopOperator();
      h.startOperator();
      // A second sweep finishing shows the restarted operator is at work.
      h.apply(manifest("witness", 2));
      h.awaitPhase("witness", SweepPhase.Succeeded);

      // The test server bumps metadata.generation even for an identical spec (a real API server
      // keeps it), so the operator re-plans once: that must change nothing but observedGeneration.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.get("same")
                      .getStatus()
                      .observedGeneration
                      .equals(h.get("same").getMetadata().getGeneration()));
      HyperparameterSweep after = h.get("same");
      SweepStatus replanned = after.getStatus();
      assertThat(replanned.observedGeneration).isEqualTo(after.getMetadata().getGeneration());
      SweepStatus expected = copyWithGeneration(status, replanned.observedGeneration);
      assertThat(Serialization.asYaml(replanned)).isEqualTo(Serialization.asYaml(expected));
      assertThat(replanned.completionTime).isEqualTo(status.completionTime);
      assertThat(h.jobs("same")).hasSize(4);
      assertThat(events(h, "same")).hasSize(events);

      // With the generation seen, reconciling again (a restart) writes nothing at all.
      String resourceVersion = after.getMetadata().getResourceVersion();
      h.stopOperator();
      h.startOperator();
      h.apply(manifest("witness-2", 2));
      h.awaitPhase("witness-2", SweepPhase.Succeeded);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> h.get("same").getMetadata().getResourceVersion().equals(resourceVersion));
      assertThat(h.get("same").getStatus()).isEqualTo(replanned);
      assertThat(h.jobs("same")).hasSize(4);
      assertThat(events(h, "same")).hasSize(events);
    }
  }

  /** {@code status} as it reads after observing {@code generation} with nothing else changed. */
  private static SweepStatus copyWithGeneration(SweepStatus status, long generation) {
    SweepStatus copy = Serialization.unmarshal(Serialization.asJson(status), SweepStatus.class);
    copy.observedGeneration = generation;
    copy.conditions.forEach(c -> c.setObservedGeneration(generation));
    return copy;
  }

  /** JSON merge patch of the spec: {"spec": {...}}. */
  private static String specPatch(String specJson) {
    return "{\"spec\":" + specJson + "}";
  }

  @Test
  void raisingMaxTrialsResumesAFinishedSweep() throws Exception {
    try (SweepHarness h = new SweepHarness(SweepLifecycleIT.scoreIsX(0))) {
      h.apply(manifest("resume", 4));
      HyperparameterSweep first = h.awaitPhase("resume", SweepPhase.Succeeded);
      assertThat(first.getStatus().trials).hasSize(4);
      assertThat(first.getStatus().progress).isEqualTo("4/4");

      h.client()
          .resources(HyperparameterSweep.class)
          .inNamespace(SweepHarness.NS)
          .withName("resume")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE), specPatch("{\"limits\":{\"maxTrials\":7}}"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                SweepStatus s = h.get("resume").getStatus();
                return s.phase == SweepPhase.Succeeded && s.trials.size() == 7;
              });
      HyperparameterSweep done = h.get("resume");
      SweepStatus s = done.getStatus();
      assertThat(s.progress).isEqualTo("7/7");
      assertThat(s.phaseReason()).isEqualTo("MaxTrialsReached");
      assertThat(s.observedGeneration).isEqualTo(done.getMetadata().getGeneration());
      assertThat(s.trials).extracting(t -> t.number).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(s.trials).allMatch(t -> t.state == TrialState.Succeeded);
      // The first four records are kept as they were; three new Jobs ran.
      assertThat(s.trials.subList(0, 4)).isEqualTo(first.getStatus().trials);
      assertThat(h.jobs("resume")).hasSize(7);
      assertThat(h.trainer.environments()).hasSize(7);
      assertThat(s.message).startsWith("7 trials ran");
      assertThat(events(h, "resume").stream().filter(e -> "MaxTrialsReached".equals(e.getReason())))
          .hasSize(2);
    }
  }

  @Test
  void aForbiddenEditThatGetsThroughMakesTheSweepInvalidUntilReverted() throws Exception {
    try (SweepHarness h = new SweepHarness(SweepLifecycleIT.scoreIsX(0))) {
      h.apply(manifest("frozen", 3));
      HyperparameterSweep done = h.awaitPhase("frozen", SweepPhase.Succeeded);
      assertThat(done.getStatus().frozenSpec)
          .containsEntry("spec.objective", "maximize score")
          .containsEntry("spec.sampling", "random seed 5")
          .containsKey("spec.parameters");

      // The search space widens and the budget grows in the same edit (kubectl replace; the test
      // server's merge patch concatenates lists).
      HyperparameterSweep edit = h.get("frozen");
      edit.getSpec().parameters =
          parse(manifest("frozen", 6, "{x: {uniform: [0.0, 2.0]}}")).getSpec().parameters;
      edit.getSpec().limits.maxTrials = 6;
      h.client().resource(edit).update();
      HyperparameterSweep invalid = h.awaitPhase("frozen", SweepPhase.Invalid);
      assertThat(invalid.getStatus().message)
          .startsWith("spec.parameters: cannot change once the sweep has started trials");
      assertThat(invalid.getStatus().conditions)
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Valid");
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("InvalidSpec");
              });
      assertThat(invalid.getStatus().trials).isEqualTo(done.getStatus().trials);
      assertThat(invalid.getStatus().frozenSpec).isEqualTo(done.getStatus().frozenSpec);
      assertThat(h.jobs("frozen")).hasSize(3);

      // Reverting the search space keeps the raised budget: the sweep resumes.
      HyperparameterSweep revert = h.get("frozen");
      revert.getSpec().parameters = parse(manifest("frozen", 6)).getSpec().parameters;
      h.client().resource(revert).update();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                SweepStatus s = h.get("frozen").getStatus();
                return s.phase == SweepPhase.Succeeded && s.trials.size() == 6;
              });
      List<TrialRecord> trials = h.get("frozen").getStatus().trials;
      assertThat(trials).allMatch(t -> Double.parseDouble(t.parameters.get("x")) <= 1.0);
      assertThat(h.jobs("frozen")).hasSize(6);
    }
  }
}
