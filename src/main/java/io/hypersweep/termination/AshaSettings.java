package io.hypersweep.termination;

/**
 * Settings of the asynchronous successive-halving (ASHA) stopping policy.
 *
 * @param minResource the first rung's step, default 1
 * @param maxResource optional: rungs at or beyond it are not judged, since a trial there is done
 * @param reductionFactor η &ge; 2: rungs at minResource·η^k keep the top 1/η, default 3
 */
public record AshaSettings(long minResource, Long maxResource, int reductionFactor)
    implements TerminationSettings {

  public AshaSettings {
    if (minResource < 1) {
      throw new IllegalArgumentException("minResource must be >= 1, got " + minResource);
    }
    if (maxResource != null && maxResource < minResource) {
      throw new IllegalArgumentException("maxResource must be >= minResource");
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException("reductionFactor must be >= 2, got " + reductionFactor);
    }
  }

  public static AshaSettings defaults() {
    return new AshaSettings(1, null, 3);
  }
}
