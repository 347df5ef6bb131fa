package io.hypersweep.api;

import java.util.Objects;

/** Status: one intermediate objective value of a trial, at the step the trainer reported. */
public class CurvePoint {
  public long step;
  public double value;

  public CurvePoint() {}

  public CurvePoint(long step, double value) {
    this.step = step;
    this.value = value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CurvePoint p
        && step == p.step
        && Double.doubleToLongBits(value) == Double.doubleToLongBits(p.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(step, value);
  }

  @Override
  public String toString() {
    return "(" + step + ", " + value + ")";
  }
}
