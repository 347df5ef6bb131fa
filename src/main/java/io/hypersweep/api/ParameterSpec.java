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
@ValidationRule(
    value = "!has(self.randint) || self.randint[0] < self.randint[1]",
    message = "randint: low must be less than high")
@ValidationRule(
    value =
        "(!has(self.uniform) || self.uniform[0] < self.uniform[1])"
            + " && (!has(self.quniform) || self.quniform[0] < self.quniform[1])"
            + " && (!has(self.loguniform) || self.loguniform[0] < self.loguniform[1])"
            + " && (!has(self.qloguniform) || self.qloguniform[0] < self.qloguniform[1])",
    message = "min must be less than max")
@ValidationRule(
    value =
        "(!has(self.loguniform) || self.loguniform[0] > 0.0)"
            + " && (!has(self.qloguniform) || self.qloguniform[0] > 0.0)",
    message = "loguniform and qloguniform need min > 0")
@ValidationRule(
    value =
        "(!has(self.normal) || self.normal[1] > 0.0)"
            + " && (!has(self.qnormal) || self.qnormal[1] > 0.0)"
            + " && (!has(self.lognormal) || self.lognormal[1] > 0.0)"
            + " && (!has(self.qlognormal) || self.qlognormal[1] > 0.0)",
    message = "sigma must be greater than 0")
@ValidationRule(
    value =
        "(!has(self.quniform) || self.quniform[2] > 0.0)"
            + " && (!has(self.qloguniform) || self.qloguniform[2] > 0.0)"
            + " && (!has(self.qnormal) || self.qnormal[2] > 0.0)"
            + " && (!has(self.qlognormal) || self.qlognormal[2] > 0.0)",
    message = "q must be greater than 0")
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
