package io.hypersweep.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.ParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values at the edges of a range render as the bounds, without float noise. */
class BoundarySnapTest {

  private static Dimension dimension(ParameterSpec spec) {
    return SearchSpace.parse(Map.of("p", spec)).space().dimensions().get(0);
  }

  @Test
  void logUniformEdgesRenderAsTheBoundsThemselves() {
    ParameterSpec lr = new ParameterSpec();
    lr.loguniform = List.of(0.01, 0.3);
    Dimension d = dimension(lr);
    assertThat(d.valueAt(0.0)).isEqualTo("0.01");
    assertThat(d.valueAt(Math.nextDown(1.0))).isEqualTo("0.3");
    assertThat(Double.parseDouble(d.valueAt(0.5))).isStrictlyBetween(0.01, 0.3);
  }

  @Test
  void uniformEdgesRenderAsTheBoundsThemselves() {
    ParameterSpec x = new ParameterSpec();
    x.uniform = List.of(0.1, 0.7);
    Dimension d = dimension(x);
    assertThat(d.valueAt(Math.nextDown(1.0))).isEqualTo("0.7");
    assertThat(d.valueAt(1e-15)).isEqualTo("0.1");
  }
}
