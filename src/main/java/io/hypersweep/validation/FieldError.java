package io.hypersweep.validation;

/**
 * One problem with a manifest, naming the field it is in.
 *
 * @param field the path of the field, e.g. {@code spec.parameters.lr.loguniform}
 * @param message what is wrong, written for the user
 */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
