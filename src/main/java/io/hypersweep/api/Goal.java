package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Direction of optimization for the objective metric. */
public enum Goal {
  @JsonProperty("maximize")
  MAXIMIZE,
  @JsonProperty("minimize")
  MINIMIZE;

  /** True when {@code candidate} is strictly better than {@code incumbent}. */
  public boolean isBetter(double candidate, double incumbent) {
    return this == MAXIMIZE ? candidate > incumbent : candidate < incumbent;
  }

  /** True when {@code value} reaches {@code target}. */
  public boolean reaches(double value, double target) {
    return this == MAXIMIZE ? value >= target : value <= target;
  }
}
