package io.hypersweep.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialCounts;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.planning.SweepPlan;
import io.hypersweep.validation.FieldError;
import io.hypersweep.validation.TestSweeps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Unit tests of status building: conditions, transition times, equality and size. */
class SweepStatusBuilderTest {
  private static final String T1 = "2025-01-01T00:00:00Z";
  private static final String T2 = "2025-01-01T00:05:00Z";
  private static final String T3 = "2025-01-01T00:10:00Z";

  private static TrialRecord record(int number, TrialState state, Double score) {
    TrialRecord r = new TrialRecord();
    r.number = number;
    r.name = "demo-" + number;
    r.state = state;
    r.reason = state.name();
    r.parameters = new TreeMap<>(Map.of("x", "0." + number));
    if (score != null) {
      r.metrics = new TreeMap<>(Map.of("score", score));
      r.objectiveValue = score;
    }
    return r;
  }

  private static List<TrialRecord> someTrials() {
    return new ArrayList<>(
        List.of(
            record(1, TrialState.Succeeded, 0.5),
            record(2, TrialState.Succeeded, 0.7),
            record(3, TrialState.Failed, null),
            record(4, TrialState.Stopped, null),
            record(5, TrialState.Running, null),
            record(6, TrialState.Pending, null)));
  }

  private static SweepPlan plan(
      List<TrialRecord> trials, SweepPhase phase, String reason, String message) {
    Optional<TrialRecord> best =
        trials.stream()
            .filter(t -> t.objectiveValue != null)
            .max((a, b) -> Double.compare(a.objectiveValue, b.objectiveValue));
    return new SweepPlan(
        trials,
        List.of(),
        List.of(),
        phase,
        reason,
        message,
        T1,
        phase.isFinal() ? T2 : null,
        best,
        List.of(),
        Optional.of(Duration.ofMinutes(5)),
        null);
  }

  private static SweepPlan running(String message) {
    return plan(someTrials(), SweepPhase.Running, "TrialsRunning", message);
  }

  private static Condition condition(SweepStatus s, String type) {
    return s.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + s.conditions));
  }

  private static List<String> types(SweepStatus s) {
    return s.conditions.stream().map(Condition::getType).toList();
  }

  @Test
  void runningPlanGivesValidAndRunningConditions() {
    SweepStatus s = SweepStatusBuilder.fromPlan(new SweepStatus(), running("2 active"), 3, 8, T1);

    assertThat(s.phase).isEqualTo(SweepPhase.Running);
    assertThat(s.observedGeneration).isEqualTo(3L);
    assertThat(s.message).isEqualTo("2 active");
    assertThat(types(s)).containsExactly("Valid", "Running");
    Condition valid = condition(s, "Valid");
    assertThat(valid.getStatus()).isEqualTo("True");
    assertThat(valid.getReason()).isEqualTo("SpecValid");
    assertThat(valid.getObservedGeneration()).isEqualTo(3L);
    assertThat(valid.getLastTransitionTime()).isEqualTo(T1);
    Condition running = condition(s, "Running");
    assertThat(running.getStatus()).isEqualTo("True");
    assertThat(running.getReason()).isEqualTo("TrialsRunning");
    assertThat(running.getMessage()).isEqualTo("2 active");
    assertThat(s.startTime).isEqualTo(T1);
    assertThat(s.completionTime).isNull();
    assertThat(s.bestTrial.number).isEqualTo(2);
    assertThat(s.trials).extracting(t -> t.number).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(s.phaseReason()).isEqualTo("TrialsRunning");
  }

  @Test
  void progressCountsFinishedTrialsAgainstMaxTrials() {
    SweepStatus s = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);

    assertThat(s.progress).isEqualTo("4/8");
    TrialCounts expected = new TrialCounts();
    expected.succeeded = 2;
    expected.failed = 1;
    expected.stopped = 1;
    expected.running = 1;
    expected.pending = 1;
    assertThat(s.trialCounts).isEqualTo(expected);

    SweepStatus empty =
        SweepStatusBuilder.fromPlan(
            new SweepStatus(),
            plan(new ArrayList<>(), SweepPhase.Running, "TrialsRunning", "m"),
            1,
            40,
            T1);
    assertThat(empty.progress).isEqualTo("0/40");
  }

  @Test
  void succeededPlanSetsSucceededAndClearsRunning() {
    SweepStatus before = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);
    SweepPlan done = plan(someTrials(), SweepPhase.Succeeded, "TargetReached", "trial 2 won");

    SweepStatus s = SweepStatusBuilder.fromPlan(before, done, 1, 8, T2);

    assertThat(s.phase).isEqualTo(SweepPhase.Succeeded);
    assertThat(types(s)).containsExactly("Valid", "Running", "Succeeded");
    assertThat(condition(s, "Running").getStatus()).isEqualTo("False");
    assertThat(condition(s, "Running").getReason()).isEqualTo("TargetReached");
    assertThat(condition(s, "Succeeded").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Succeeded").getReason()).isEqualTo("TargetReached");
    assertThat(condition(s, "Succeeded").getMessage()).isEqualTo("trial 2 won");
    assertThat(s.phaseReason()).isEqualTo("TargetReached");
    assertThat(s.completionTime).isEqualTo(T2);
  }

  @Test
  void failedPlanSetsFailedAndDropsAnEarlierSucceeded() {
    SweepStatus succeeded =
        SweepStatusBuilder.fromPlan(
            new SweepStatus(),
            plan(someTrials(), SweepPhase.Succeeded, "MaxTrialsReached", "m"),
            1,
            8,
            T1);

    SweepStatus s =
        SweepStatusBuilder.fromPlan(
            succeeded,
            plan(someTrials(), SweepPhase.Failed, "MaxFailedTrialsExceeded", "2 failed"),
            2,
            8,
            T2);

    assertThat(types(s)).containsExactly("Valid", "Running", "Failed");
    assertThat(condition(s, "Failed").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Failed").getReason()).isEqualTo("MaxFailedTrialsExceeded");
    assertThat(condition(s, "Failed").getObservedGeneration()).isEqualTo(2L);
    assertThat(s.phaseReason()).isEqualTo("MaxFailedTrialsExceeded");
  }

  @Test
  void resumedSweepDropsItsFinalCondition() {
    SweepStatus failed =
        SweepStatusBuilder.fromPlan(
            new SweepStatus(),
            plan(someTrials(), SweepPhase.Failed, "TimeoutReached", "m"),
            1,
            8,
            T1);

    SweepStatus s = SweepStatusBuilder.fromPlan(failed, running("resumed"), 2, 12, T2);

    assertThat(types(s)).containsExactly("Valid", "Running");
    assertThat(condition(s, "Running").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Running").getLastTransitionTime()).isEqualTo(T2);
    assertThat(condition(s, "Valid").getLastTransitionTime()).isEqualTo(T1);
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheStatusIsUnchanged() {
    SweepStatus first =
        SweepStatusBuilder.fromPlan(new SweepStatus(), running("1 active"), 1, 8, T1);

    SweepStatus second = SweepStatusBuilder.fromPlan(first, running("3 active"), 1, 8, T2);

    assertThat(condition(second, "Running").getMessage()).isEqualTo("3 active");
    assertThat(condition(second, "Running").getLastTransitionTime()).isEqualTo(T1);
    assertThat(condition(second, "Valid").getLastTransitionTime()).isEqualTo(T1);
  }

  @Test
  void lastTransitionTimeMovesWhenTheStatusFlips() {
    SweepStatus first = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);
    SweepStatus done =
        SweepStatusBuilder.fromPlan(
            first, plan(someTrials(), SweepPhase.Succeeded, "MaxTrialsReached", "m"), 1, 8, T2);

    assertThat(condition(done, "Running").getLastTransitionTime()).isEqualTo(T2);
    assertThat(condition(done, "Succeeded").getLastTransitionTime()).isEqualTo(T2);
    assertThat(condition(done, "Valid").getLastTransitionTime()).isEqualTo(T1);

    SweepStatus invalid =
        SweepStatusBuilder.invalid(
            done, List.of(new FieldError("spec.limits.timeout", "bad")), 2, T3);
    assertThat(condition(invalid, "Valid").getStatus()).isEqualTo("False");
    assertThat(condition(invalid, "Valid").getLastTransitionTime()).isEqualTo(T3);
    assertThat(condition(invalid, "Running").getLastTransitionTime()).isEqualTo(T2);
  }

  @Test
  void buildingTwiceFromTheSameInputsGivesEqualStatuses() {
    SweepStatus previous = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);

    SweepStatus a = SweepStatusBuilder.fromPlan(previous, running("m"), 1, 8, T2);
    SweepStatus b = SweepStatusBuilder.fromPlan(previous, running("m"), 1, 8, T2);

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    // Nothing changed but the clock: the reconciler sees an equal status and skips the write.
    assertThat(a).isEqualTo(previous);
    assertThat(SweepStatusBuilder.fromPlan(previous, running("other"), 1, 8, T2))
        .isNotEqualTo(previous);
  }

  @Test
  void statusSurvivesAJsonRoundTripEqual() {
    SweepStatus s = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);

    SweepStatus read = Serialization.unmarshal(Serialization.asJson(s), SweepStatus.class);

    assertThat(read).isEqualTo(s);
    // The status read back from the API server is the previous status of the next build.
    assertThat(SweepStatusBuilder.fromPlan(read, running("m"), 1, 8, T3)).isEqualTo(s);
  }

  @Test
  void invalidStatusKeepsTrialsAndNamesTheField() {
    SweepStatus previous = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 1, 8, T1);
    List<FieldError> errors =
        List.of(
            new FieldError("spec.limits.timeout", "'2 hours' is not a duration"),
            new FieldError("spec.objective.goal", "is required"));

    SweepStatus s = SweepStatusBuilder.invalid(previous, errors, 2, T2);

    assertThat(s.phase).isEqualTo(SweepPhase.Invalid);
    assertThat(s.observedGeneration).isEqualTo(2L);
    assertThat(s.trials).isEqualTo(previous.trials);
    assertThat(s.trialCounts).isEqualTo(previous.trialCounts);
    assertThat(s.bestTrial).isEqualTo(previous.bestTrial);
    assertThat(s.progress).isEqualTo("4/8");
    assertThat(s.startTime).isEqualTo(T1);
    assertThat(s.message).contains("spec.limits.timeout").contains("spec.objective.goal");
    Condition valid = condition(s, "Valid");
    assertThat(valid.getStatus()).isEqualTo("False");
    assertThat(valid.getReason()).isEqualTo("InvalidSpec");
    assertThat(valid.getMessage())
        .contains("spec.limits.timeout: '2 hours' is not a duration")
        .contains("spec.objective.goal: is required");
    assertThat(condition(s, "Running").getStatus()).isEqualTo("False");
    assertThat(s.phaseReason()).isNull();

    assertThat(SweepStatusBuilder.invalid(s, errors, 2, T3)).isEqualTo(s);
  }

  @Test
  void invalidStatusOfANewSweepHasNoTrials() {
    SweepStatus s =
        SweepStatusBuilder.invalid(
            new SweepStatus(), List.of(new FieldError("spec.parameters", "required")), 1, T1);

    assertThat(s.trials).isEmpty();
    assertThat(types(s)).containsExactly("Valid", "Running");
    assertThat(condition(s, "Valid").getMessage()).startsWith("spec.parameters");
  }

  @Test
  void bestTrialIsACopy() {
    SweepPlan p = running("m");
    SweepStatus s = SweepStatusBuilder.fromPlan(new SweepStatus(), p, 1, 8, T1);

    p.best().orElseThrow().objectiveValue = 123.0;

    assertThat(s.bestTrial.objectiveValue).isEqualTo(0.7);
  }

  // -- size --------------------------------------------------------------------------------------

  private static final String REALISTIC =
      """
      apiVersion: hypersweep.io/v1alpha1
      kind: HyperparameterSweep
      metadata:
        name: resnet50-imagenet-lr-sweep
        namespace: ml-research
        uid: 0b6f1d2e-6a43-4c2e-9a51-3f7c1e8d9a10
        generation: 3
        resourceVersion: "123456789"
        creationTimestamp: "2025-01-01T00:00:00Z"
        labels: {team: vision, project: resnet50}
        annotations: {owner: someone@example.com}
      spec:
        objective:
          metric: val_accuracy
          goal: maximize
          target: 0.93
          additionalMetrics: [val_loss, train_loss, epoch_time_seconds]
        parameters:
          learning_rate: {loguniform: [0.00001, 0.1]}
          weight_decay: {loguniform: [0.000001, 0.01]}
          momentum: {uniform: [0.8, 0.99]}
          dropout: {uniform: [0.0, 0.5]}
          batch_size: {choice: [64, 128, 256, 512]}
          warmup_epochs: {randint: [0, 10]}
        sampling: {algorithm: sobol, seed: 20250101}
        limits: {maxTrials: 1000, maxConcurrentTrials: 16, maxFailedTrials: 50, timeout: 72h, trialTimeout: 4h}
        trialTemplate:
          metadata:
            labels: {team: vision}
          spec:
            template:
              metadata:
                annotations: {sidecar.istio.io/inject: "false"}
              spec:
                serviceAccountName: trainer
                containers:
                - name: trainer
                  image: registry.example.com/vision/resnet50-trainer:2025.01.01-abcdef0
                  command: ["python", "-m", "trainer.main"]
                  args:
                  - --data=/data/imagenet
                  - --epochs=90
                  - --lr=${params.learning_rate}
                  - --weight-decay=${params.weight_decay}
                  - --momentum=${params.momentum}
                  - --dropout=${params.dropout}
                  - --batch-size=${params.batch_size}
                  - --warmup-epochs=${params.warmup_epochs}
                  - --run-name=${sweep.name}-${trial.number}
                  env:
                  - {name: WANDB_MODE, value: offline}
                  - {name: NCCL_DEBUG, value: WARN}
                  resources:
                    requests: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "1"}
                    limits: {cpu: "16", memory: 64Gi, nvidia.com/gpu: "1"}
                  volumeMounts:
                  - {name: data, mountPath: /data, readOnly: true}
                  - {name: shm, mountPath: /dev/shm}
                volumes:
                - name: data
                  persistentVolumeClaim: {claimName: imagenet}
                - name: shm
                  emptyDir: {medium: Memory, sizeLimit: 16Gi}
      """;

  /** A parameter value as a sampler renders a double: up to 17 significant digits. */
  private static String value(int trial, int param) {
    double v = 0.0123456789012345 + trial * 1e-7 + param * 1.23456789e-3;
    return Double.toString(v);
  }

  private static TrialRecord finishedTrial(int n) {
    TrialRecord r = new TrialRecord();
    r.number = n;
    r.name = "resnet50-imagenet-lr-sweep-" + n;
    r.state = n % 20 == 0 ? TrialState.Failed : TrialState.Succeeded;
    r.reason = r.state == TrialState.Failed ? "BackoffLimitExceeded" : "Completed";
    if (r.state == TrialState.Failed) {
      r.message = "Job has reached the specified backoff limit";
    }
    String[] names = {
      "batch_size", "dropout", "learning_rate", "momentum", "warmup_epochs", "weight_decay"
    };
    for (int p = 0; p < names.length; p++) {
      r.parameters.put(names[p], value(n, p));
    }
    r.metrics.put("val_accuracy", 0.7123456789012345 + n * 1e-5);
    r.metrics.put("val_loss", 1.2345678901234567 - n * 1e-5);
    r.metrics.put("train_loss", 0.9876543210987654 - n * 1e-5);
    r.metrics.put("epoch_time_seconds", 1234.5678901234567 + n);
    r.objectiveValue = r.metrics.get("val_accuracy");
    int minute = n % 60;
    r.startTime =
        String.format(Locale.ROOT, "2025-01-%02dT%02d:%02d:00Z", 1 + n / 500, n % 24, minute);
    r.completionTime =
        String.format(Locale.ROOT, "2025-01-%02dT%02d:%02d:59Z", 1 + n / 500, n % 24, minute);
    return r;
  }

  @Test
  void statusOfAThousandFinishedTrialsFitsInAnObjectUnderOneMebibyte() {
    HyperparameterSweep sweep = TestSweeps.parse(REALISTIC);
    assertThat(TestSweeps.validated(sweep).maxTrials()).isEqualTo(1000);
    List<TrialRecord> trials = new ArrayList<>();
    for (int n = 1; n <= 1000; n++) {
      trials.add(finishedTrial(n));
    }
    SweepPlan done =
        new SweepPlan(
            trials,
            List.of(),
            List.of(),
            SweepPhase.Succeeded,
            "MaxTrialsReached",
            "1000 trials ran; best is trial 999 with val_accuracy=0.7223356789012345",
            "2025-01-01T00:00:00Z",
            "2025-01-03T12:00:00Z",
            Optional.of(trials.get(998)),
            List.of(),
            Optional.empty(),
            null);
    SweepStatus running = SweepStatusBuilder.fromPlan(new SweepStatus(), running("m"), 3, 1000, T1);
    sweep.setStatus(SweepStatusBuilder.fromPlan(running, done, 3, 1000, T2));

    byte[] json = Serialization.asJson(sweep).getBytes(StandardCharsets.UTF_8);

    System.out.printf(
        Locale.ROOT,
        "HyperparameterSweep with 1000 finished trials (6 parameters, 4 metrics each):"
            + " %d bytes of JSON (%.1f%% of 1 MiB, %d bytes per trial)%n",
        json.length,
        100.0 * json.length / 1_048_576,
        json.length / 1000);
    assertThat(sweep.getStatus().trials).hasSize(1000);
    assertThat(sweep.getStatus().progress).isEqualTo("1000/1000");
    assertThat(json.length).isLessThan(1_048_576);
  }

  @Test
  void archivedRecordsLeaveTrialsButStayInCountsProgressAndTime() {
    List<TrialRecord> trials = someTrials();
    trials.get(0).startTime = T1;
    trials.get(0).completionTime = T2;
    var write =
        new io.hypersweep.planning.ArchivePlan.Write(
            0, new io.hypersweep.api.ArchiveChunk("demo-trials-0", 1, 2, 2), trials.subList(0, 2));
    var archive =
        new io.hypersweep.planning.ArchivePlan(List.of(), java.util.Set.of(), List.of(write));
    SweepPlan p = plan(trials, SweepPhase.Running, "TrialsRunning", "running").withArchive(archive);
    SweepStatus s = SweepStatusBuilder.fromPlan(new SweepStatus(), p, 1, 10, T3);
    assertThat(s.trials).extracting(t -> t.number).containsExactly(3, 4, 5, 6);
    assertThat(s.archivedTrials).isEqualTo(2);
    assertThat(s.archive).containsExactly(write.chunk());
    assertThat(s.trialCounts.succeeded).isEqualTo(2);
    assertThat(s.progress).isEqualTo("4/10");
    assertThat(s.trialSeconds).isEqualTo(300L);
    assertThat(s.bestTrial.number).isEqualTo(2);
  }

  @Test
  void aBrokenArchiveKeepsEverythingAndSaysWhy() {
    SweepPlan p = plan(someTrials(), SweepPhase.Running, "TrialsRunning", "running");
    SweepStatus before = SweepStatusBuilder.fromPlan(new SweepStatus(), p, 1, 10, T1);
    before.archivedTrials = 50;
    before.archive = List.of(new io.hypersweep.api.ArchiveChunk("demo-trials-0", 1, 50, 50));
    SweepStatus s =
        SweepStatusBuilder.archiveBroken(before, List.of("demo-trials-0 is missing"), 1, T2);
    assertThat(s.phase).isEqualTo(SweepPhase.Running);
    assertThat(s.trials).isEqualTo(before.trials);
    assertThat(s.trialCounts).isEqualTo(before.trialCounts);
    assertThat(s.archive).isEqualTo(before.archive);
    assertThat(s.archivedTrials).isEqualTo(50);
    assertThat(s.conditions)
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Running");
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("ArchiveBroken");
              assertThat(c.getMessage()).contains("demo-trials-0 is missing");
            });
  }
}
