package io.hypersweep.search;

import io.hypersweep.validation.FieldError;
import java.util.List;

/**
 * The outcome of {@link SearchSpace#parse}: a space, or the non-empty list of problems.
 *
 * @param space the space, or null when invalid
 * @param errors every problem found; empty when valid
 */
public record SearchSpaceParse(SearchSpace space, List<FieldError> errors) {

  /** Checks that exactly one of the two outcomes is present. */
  public SearchSpaceParse {
    errors = List.copyOf(errors);
    if ((space == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("either a space or errors, not both or neither");
    }
  }

  static SearchSpaceParse valid(SearchSpace space) {
    return new SearchSpaceParse(space, List.of());
  }

  static SearchSpaceParse invalid(List<FieldError> errors) {
    return new SearchSpaceParse(null, errors);
  }

  /** Whether the parameters were valid. */
  public boolean isValid() {
    return space != null;
  }
}
