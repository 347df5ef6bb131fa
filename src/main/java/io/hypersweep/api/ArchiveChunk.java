package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where one chunk of archived trial records lives: a ConfigMap the operator wrote once. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArchiveChunk {

  @JsonPropertyDescription("Name of the ConfigMap, <sweep>-trials-<k>, in the sweep's namespace.")
  public String configMap;

  @JsonPropertyDescription("Lowest trial number in the chunk.")
  public int first;

  @JsonPropertyDescription("Highest trial number in the chunk.")
  public int last;

  @JsonPropertyDescription("Number of trial records in the chunk.")
  public int trials;

  public ArchiveChunk() {}

  public ArchiveChunk(String configMap, int first, int last, int trials) {
    this.configMap = configMap;
    this.first = first;
    this.last = last;
    this.trials = trials;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArchiveChunk c
        && Objects.equals(configMap, c.configMap)
        && first == c.first
        && last == c.last
        && trials == c.trials;
  }

  @Override
  public int hashCode() {
    return Objects.hash(configMap, first, last, trials);
  }

  @Override
  public String toString() {
    return configMap + "[" + first + ".." + last + ", " + trials + "]";
  }
}
