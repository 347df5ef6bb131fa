package io.hypersweep.search;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Enumerates the Cartesian product of the grid values, lexicographically in name order (the first
 * name varies slowest). Trial n is the mixed-radix decoding of n - 1, so the product is never
 * materialized.
 */
final class GridSampler implements Sampler {

  private final List<Dimension> dimensions;
  private final long[] radices;
  private final long size;

  /**
   * @throws IllegalArgumentException if a dimension has no grid or the product exceeds a long;
   *     {@link Samplers#create} reports both as validation errors first
   */
  GridSampler(SearchSpace space) {
    this.dimensions = space.dimensions();
    this.radices = new long[dimensions.size()];
    long product = 1;
    for (int i = 0; i < radices.length; i++) {
      Dimension d = dimensions.get(i);
      radices[i] =
          d.gridSize()
              .orElseThrow(() -> new IllegalArgumentException(d.name() + " has no grid"))
              .longValueExact();
      product = Math.multiplyExact(product, radices[i]);
    }
    this.size = product;
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(
      int trialNumber, SearchHistory finishedHistory) {
    Sampler.checkTrialNumber(trialNumber);
    long index = trialNumber - 1L;
    if (index >= size) {
      return Optional.empty();
    }
    SortedMap<String, String> values = new TreeMap<>();
    // The last dimension is the least significant digit, so it varies fastest.
    for (int i = radices.length - 1; i >= 0; i--) {
      values.put(dimensions.get(i).name(), dimensions.get(i).gridValue(index % radices[i]));
      index /= radices[i];
    }
    return Optional.of(values);
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(size);
  }
}
