package io.hypersweep.search;

import io.hypersweep.validation.FieldError;
import java.util.List;

/**
 * The outcome of {@link Samplers#create}: a sampler, or the non-empty list of problems.
 *
 * @param sampler the sampler, or null when invalid
 * @param errors every problem found; empty when valid
 */
public record SamplerCreation(Sampler sampler, List<FieldError> errors) {

  /** Checks that exactly one of the two outcomes is present. */
  public SamplerCreation {
    errors = List.copyOf(errors);
    if ((sampler == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("either a sampler or errors, not both or neither");
    }
  }

  static SamplerCreation valid(Sampler sampler) {
    return new SamplerCreation(sampler, List.of());
  }

  static SamplerCreation invalid(List<FieldError> errors) {
    return new SamplerCreation(null, errors);
  }

  /** Whether a sampler could be made. */
  public boolean isValid() {
    return sampler != null;
  }
}
