package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.trial.TrialLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The load suite: many sweeps at once on one operator all complete, none sees another's trials or
 * results, and the heap stays bounded. CI size is 20 sweeps of 20 trials; {@code
 * -Dhypersweep.reliability.full=true} runs 50 of 40. Writes target/bench/reliability-load.json.
 */
class LoadSuiteIT {
  private static final boolean FULL = Boolean.getBoolean("hypersweep.reliability.full");
  private static final int SWEEPS = Integer.getInteger("hypersweep.load.sweeps", FULL ? 50 : 20);
  private static final int TRIALS = Integer.getInteger("hypersweep.load.trials", FULL ? 40 : 20);
  private static final int CONCURRENCY = 4;

  /** A bound well above the ~110 KiB per trial measured, far below a leak of logs or records. */
  private static final double RETAINED_KIB_PER_TRIAL = 512;

  private static String name(int id) {
    return "load-%02d".formatted(id);
  }

  /** Each sweep's trials carry the sweep's own tag, and its score tells which sweep ran it. */
  private static String manifest(int id) {
    return Manifests.sweep(
        name(id),
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}, tag: {choice: [" + name(id) + "]}}",
        "{algorithm: random, seed: " + id + "}",
        "{maxTrials: %d, maxConcurrentTrials: %d}".formatted(TRIALS, CONCURRENCY));
  }

  /** The score a trial of sweep {@code id} with parameter {@code x} must report. */
  private static double score(int id, String x) {
    return id + Double.parseDouble(x) / 2;
  }

  private static int id(String sweep) {
    return Integer.parseInt(sweep.substring("load-".length()));
  }

  private static FakeTrainer trainer() {
    return new FakeTrainer(
        env -> {
          String sweep = env.get("HYPERSWEEP_SWEEP_NAME");
          String x = env.get("HYPERSWEEP_PARAM_X");
          // A trial given another sweep's parameters reports a score no sweep expects.
          double score = sweep.equals(env.get("HYPERSWEEP_PARAM_TAG")) ? score(id(sweep), x) : -1;
          long millis = 10 + (long) (Double.parseDouble(x) * 30);
          return new FakeTrainer.Outcome(0, "", "score=" + score, millis);
        });
  }

  @Test
  void manySweepsAtOnceCompleteWithoutCrossTalkInBoundedMemory() throws Exception {
    FakeTrainer trainer = trainer();
    AtomicLong statusUpdates = new AtomicLong();
    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> crossTalk = new ArrayList<>();
    boolean allSucceeded;
    double retainedMiB;
    try (SweepHarness h = new SweepHarness(trainer);
        HeapSampler heap = new HeapSampler()) {
      SharedIndexInformer<HyperparameterSweep> writes = countUpdates(h, statusUpdates);
      double heapBeforeMiB = HeapSampler.usedAfterGcMiB();
      heap.start(50);
      long start = System.nanoTime();
      for (int id = 1; id <= SWEEPS; id++) {
        h.apply(manifest(id));
      }
      boolean ended = awaitAllEnded(h);
      double seconds = (System.nanoTime() - start) / 1e9;
      writes.close();

      List<HyperparameterSweep> sweeps = new ArrayList<>();
      for (int id = 1; id <= SWEEPS; id++) {
        sweeps.add(h.get(name(id)));
      }
      allSucceeded =
          ended
              && sweeps.stream()
                  .allMatch(
                      s ->
                          s.getStatus().phase == SweepPhase.Succeeded
                              && "MaxTrialsReached".equals(s.getStatus().phaseReason())
                              && s.getStatus().trials.stream()
                                  .allMatch(t -> t.state == TrialState.Succeeded));
      sweeps.forEach(s -> crossTalk.addAll(recordProblems(s)));
      crossTalk.addAll(launchProblems(trainer));
      crossTalk.addAll(jobProblems(h, sweeps));
      long launches = trainer.environments().size();

      figures.put("suite", "load");
      figures.put("full", FULL);
      figures.put("sweeps", SWEEPS);
      figures.put("trialsPerSweep", TRIALS);
      figures.put("trials", SWEEPS * TRIALS);
      figures.put("maxConcurrentTrialsPerSweep", CONCURRENCY);
      figures.put("durationSeconds", round(seconds));
      figures.put("trialsPerSecond", round(SWEEPS * TRIALS / seconds));
      halves(sweeps, figures);
      figures.put("peakHeapMiB", round(heap.peakUsedMiB()));
      figures.put("peakHeapAfterGcMiB", round(heap.peakAfterGcMiB()));
      figures.put("collections", heap.collections());
      figures.put("heapBeforeMiB", round(heapBeforeMiB));
      retainedMiB = HeapSampler.usedAfterGcMiB() - heapBeforeMiB;
      figures.put("heapRetainedAfterRunMiB", round(retainedMiB));
      figures.put("heapRetainedPerTrialKiB", round(retainedMiB * 1024 / (SWEEPS * TRIALS)));
      figures.put("maxHeapMiB", round(HeapSampler.maxHeapMiB()));
      figures.put("trialLaunches", launches);
      figures.put("statusUpdates", statusUpdates.get());
      figures.put("statusUpdatesPerTrial", round(statusUpdates.get() / (double) (SWEEPS * TRIALS)));
      figures.put("crossTalk", crossTalk.size());
      figures.put("crossTalkExamples", crossTalk.stream().limit(10).toList());
      figures.put("allSucceeded", allSucceeded);
      writeFigures(figures);
    }
    assertThat(crossTalk).as("trials or results that reached the wrong sweep").isEmpty();
    assertThat(allSucceeded).as("every sweep Succeeded with every trial succeeded").isTrue();
    assertThat(trainer.environments()).as("trial launches").hasSize(SWEEPS * TRIALS);
    // What stays after a full collection is the cluster's objects (every Job, pod and event is kept
    // by the test server and the informers) and the status records: a few dozen KiB per trial.
    // Logs or results piling up in the operator would show here as a multiple of that.
    assertThat(retainedMiB * 1024 / (SWEEPS * TRIALS))
        .as("heap retained per trial, KiB")
        .isLessThan(RETAINED_KIB_PER_TRIAL);
  }

  /** Counts every change of any sweep, status writes included, as a watch sees them. */
  private static SharedIndexInformer<HyperparameterSweep> countUpdates(
      SweepHarness h, AtomicLong count) {
    return h.client()
        .resources(HyperparameterSweep.class)
        .inNamespace(SweepHarness.NS)
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(HyperparameterSweep s) {}

              @Override
              public void onUpdate(HyperparameterSweep o, HyperparameterSweep n) {
                count.incrementAndGet();
              }

              @Override
              public void onDelete(HyperparameterSweep s, boolean unknown) {}
            });
  }

  private static boolean awaitAllEnded(SweepHarness h) {
    try {
      await()
          .atMost(Duration.ofMinutes(FULL ? 15 : 5))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  h
                          .client()
                          .resources(HyperparameterSweep.class)
                          .inNamespace(SweepHarness.NS)
                          .list()
                          .getItems()
                          .stream()
                          .filter(
                              s ->
                                  s.getStatus() != null
                                      && s.getStatus().phase != null
                                      && s.getStatus().phase.isFinal())
                          .count()
                      == SWEEPS);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** Records numbered other than 1..TRIALS, or carrying another sweep's name, tag or score. */
  private static List<String> recordProblems(HyperparameterSweep s) {
    String sweep = s.getMetadata().getName();
    List<String> problems = new ArrayList<>();
    List<TrialRecord> trials = s.getStatus() == null ? List.of() : s.getStatus().trials;
    List<Integer> numbers = trials.stream().map(t -> t.number).toList();
    List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, TRIALS).boxed().toList();
    if (!numbers.equals(expected)) {
      problems.add(sweep + ": trial numbers " + numbers);
    }
    for (TrialRecord t : trials) {
      if (!(sweep + "-" + t.number).equals(t.name)) {
        problems.add(sweep + ": trial " + t.number + " named " + t.name);
      }
      if (!sweep.equals(t.parameters.get("tag"))) {
        problems.add(sweep + ": trial " + t.number + " has tag " + t.parameters.get("tag"));
      }
      if (t.state == TrialState.Succeeded
          && (t.objectiveValue == null
              || Math.abs(t.objectiveValue - score(id(sweep), t.parameters.get("x"))) > 1e-9)) {
        problems.add(sweep + ": trial " + t.number + " recorded score " + t.objectiveValue);
      }
    }
    return problems;
  }

  /** Launches whose environment mixes two sweeps, or a trial of a sweep launched twice. */
  private static List<String> launchProblems(FakeTrainer trainer) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Map<String, String> env : trainer.environments()) {
      String sweep = env.get("HYPERSWEEP_SWEEP_NAME");
      if (!sweep.equals(env.get("HYPERSWEEP_PARAM_TAG"))) {
        problems.add(sweep + ": launched with tag " + env.get("HYPERSWEEP_PARAM_TAG"));
      }
      String trial = sweep + "-" + env.get("HYPERSWEEP_TRIAL_NUMBER");
      if (seen.merge(trial, 1, Integer::sum) == 2) {
        problems.add(trial + " launched more than once");
      }
    }
    return problems;
  }

  /** Jobs whose labels, parameters or owner name another sweep than their name does. */
  private static List<String> jobProblems(SweepHarness h, List<HyperparameterSweep> sweeps) {
    Map<String, String> uids = new LinkedHashMap<>();
    sweeps.forEach(s -> uids.put(s.getMetadata().getName(), s.getMetadata().getUid()));
    List<String> problems = new ArrayList<>();
    List<Job> jobs = h.client().batch().v1().jobs().inNamespace(SweepHarness.NS).list().getItems();
    for (Job job : jobs) {
      String name = job.getMetadata().getName();
      String sweep = name.substring(0, name.lastIndexOf('-'));
      String number = name.substring(name.lastIndexOf('-') + 1);
      Map<String, String> labels = job.getMetadata().getLabels();
      String params = job.getMetadata().getAnnotations().get(TrialLabels.PARAMETERS);
      boolean owned =
          job.getMetadata().getOwnerReferences().stream()
              .anyMatch(o -> o.getUid().equals(uids.get(sweep)));
      if (!sweep.equals(labels.get(TrialLabels.SWEEP))
          || !number.equals(labels.get(TrialLabels.TRIAL))
          || params == null
          || !params.contains("\"" + sweep + "\"")
          || !owned) {
        problems.add("Job " + name + " labelled " + labels + ", parameters " + params);
      }
    }
    if (jobs.size() != SWEEPS * TRIALS) {
      problems.add(jobs.size() + " Jobs for " + SWEEPS * TRIALS + " trials");
    }
    return problems;
  }

  /**
   * Seconds to finish the first and the second half of all trials, from the records' times: a
   * second half much slower than the first means per-trial cost grows with the number of objects.
   */
  private static void halves(List<HyperparameterSweep> sweeps, Map<String, Object> figures) {
    List<java.time.Instant> ends = new ArrayList<>();
    java.time.Instant first = null;
    for (HyperparameterSweep s : sweeps) {
      for (TrialRecord t : s.getStatus().trials) {
        if (t.startTime != null) {
          java.time.Instant start = java.time.Instant.parse(t.startTime);
          first = first == null || start.isBefore(first) ? start : first;
        }
        if (t.completionTime != null) {
          ends.add(java.time.Instant.parse(t.completionTime));
        }
      }
    }
    if (first == null || ends.isEmpty()) {
      return;
    }
    ends.sort(null);
    java.time.Instant half = ends.get(ends.size() / 2);
    figures.put("firstHalfSeconds", Duration.between(first, half).toSeconds());
    figures.put("secondHalfSeconds", Duration.between(half, ends.get(ends.size() - 1)).toSeconds());
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static void writeFigures(Map<String, Object> figures) throws Exception {
    Path out = Path.of("target", "bench", "reliability-load.json");
    Files.createDirectories(out.getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
    System.out.println("load suite: " + Files.readString(out));
  }
}
