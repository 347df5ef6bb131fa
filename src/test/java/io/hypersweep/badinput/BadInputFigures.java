package io.hypersweep.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects what the bad-input tests tried and how it was rejected, and writes it to
 * target/bench/reliability-badinput.json after each of them (they share one JVM, so the last write
 * holds every figure).
 */
final class BadInputFigures {
  static final AtomicLong SWEEP_FUZZ = new AtomicLong();
  static final AtomicLong PARSER_FUZZ = new AtomicLong();
  private static final Map<String, Object> CORPUS = new LinkedHashMap<>();

  private BadInputFigures() {}

  static synchronized void corpus(
      long tried, long atApply, long byCondition, long escaped, long validPassed, long valid) {
    CORPUS.put("manifestsTried", tried);
    CORPUS.put("rejectedAtApplyTime", atApply);
    CORPUS.put("rejectedByCondition", byCondition);
    CORPUS.put("escaped", escaped);
    CORPUS.put("validManifestsPassing", validPassed);
    CORPUS.put("validManifests", valid);
    write();
  }

  static synchronized void write() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("suite", "badinput");
    doc.putAll(CORPUS);
    doc.put("fuzzInputsTried", SWEEP_FUZZ.get() + PARSER_FUZZ.get());
    doc.put("validatorFuzzInputs", SWEEP_FUZZ.get());
    doc.put("metricParserFuzzInputs", PARSER_FUZZ.get());
    Path out = Path.of("target", "bench", "reliability-badinput.json");
    try {
      Files.createDirectories(out.getParent());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
