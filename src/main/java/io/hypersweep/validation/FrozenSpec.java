package io.hypersweep.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hypersweep.api.Algorithm;
import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.SweepStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Guards the spec fields a started sweep may not change, for API servers that let such an edit
 * through (CEL transition rules need Kubernetes 1.25+).
 *
 * <p>When the first trial starts, a summary of each frozen field is recorded in {@code
 * status.frozenSpec}; a later spec whose summary differs is invalid, naming the field, and starts
 * nothing until it is reverted. Recorded results are only comparable within one search space,
 * objective and sample sequence, so carrying on would mix incomparable trials.
 */
public final class FrozenSpec {
  public static final String PARAMETERS = "spec.parameters";
  public static final String OBJECTIVE = "spec.objective";
  public static final String SAMPLING = "spec.sampling";

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private FrozenSpec() {}

  /**
   * The summary of each frozen field of a valid spec: the objective and sampling readably, the
   * search space as a SHA-256 of its canonical JSON.
   */
  public static Map<String, String> summarize(SweepSpec spec) {
    Map<String, String> out = new TreeMap<>();
    out.put(PARAMETERS, "sha256:" + sha256(canonical(spec.parameters)));
    out.put(
        OBJECTIVE,
        spec.objective.goal.name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + spec.objective.metric);
    Algorithm algorithm =
        spec.sampling == null || spec.sampling.algorithm == null
            ? Algorithm.RANDOM
            : spec.sampling.algorithm;
    long seed = spec.sampling == null || spec.sampling.seed == null ? 0 : spec.sampling.seed;
    out.put(SAMPLING, algorithm.manifestName() + " seed " + seed);
    return out;
  }

  /** The frozen fields {@code spec} changed since they were recorded in {@code previous}. */
  public static List<FieldError> changes(SweepSpec spec, SweepStatus previous) {
    List<FieldError> errors = new ArrayList<>();
    if (previous.frozenSpec == null) {
      return errors;
    }
    Map<String, String> now = summarize(spec);
    for (Map.Entry<String, String> recorded : previous.frozenSpec.entrySet()) {
      String current = now.get(recorded.getKey());
      if (current != null && !current.equals(recorded.getValue())) {
        errors.add(
            new FieldError(
                recorded.getKey(),
                "cannot change once the sweep has started trials (started with "
                    + recorded.getValue()
                    + ", now "
                    + current
                    + "); revert the change, or create a new sweep"));
      }
    }
    return errors;
  }

  /**
   * The summaries {@code next} should keep: those already recorded, else the spec's own once a
   * trial has started (also adopting sweeps started by an operator that did not record them).
   */
  public static Map<String, String> recorded(SweepStatus next, SweepSpec spec) {
    if (next.frozenSpec != null || next.startTime == null) {
      return next.frozenSpec;
    }
    return summarize(spec);
  }

  private static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the spec", e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
