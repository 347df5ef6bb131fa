package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.AnyType;
import java.util.List;

/** One parameter expression; exactly one of its fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "[has(self.choice), has(self.randint), has(self.uniform), has(self.quniform),"
            + " has(self.loguniform), has(self.qloguniform), has(self.normal),"
            + " has(self.qnormal), has(self.lognormal), has(self.qlognormal)]"
            + ".filter(x, x).size() == 1",
    message = "a parameter must have exactly one expression (choice, randint, uniform, ...)")
public class ParameterSpec {

  @Size(min = 1, max = 1000)
  @JsonPropertyDescription("One of the listed values (numbers or strings).")
  public List<AnyType> choice;

  @Size(min = 2, max = 2)
  @JsonPropertyDescription("[low, high): an integer with low <= x < high.")
  public List<Long> randint;

  @Size(min = 2, max = 2)
  @JsonPropertyDescription("[min, max]: uniform between min and max.")
  public List<Double> uniform;

  @Size(min = 3, max = 3)
  @JsonPropertyDescription("[min, max, q]: round(uniform(min, max) / q) * q.")
  public List<Double> quniform;

  @Size(min = 2, max = 2)
  @JsonPropertyDescription(
      "[min, max]: log-uniform between the values min and max (both > 0; bounds are values,"
          + " not logs).")
  public List<Double> loguniform;

  @Size(min = 3, max = 3)
  @JsonPropertyDescription("[min, max, q]: round(loguniform(min, max) / q) * q.")
  public List<Double> qloguniform;

  @Size(min = 2, max = 2)
  @JsonPropertyDescription("[mu, sigma]: normal distribution.")
  public List<Double> normal;

  @Size(min = 3, max = 3)
  @JsonPropertyDescription("[mu, sigma, q]: round(normal(mu, sigma) / q) * q.")
  public List<Double> qnormal;

  @Size(min = 2, max = 2)
  @JsonPropertyDescription("[mu, sigma]: exp(normal(mu, sigma)).")
  public List<Double> lognormal;

  @Size(min = 3, max = 3)
  @JsonPropertyDescription("[mu, sigma, q]: round(exp(normal(mu, sigma)) / q) * q.")
  public List<Double> qlognormal;
}
