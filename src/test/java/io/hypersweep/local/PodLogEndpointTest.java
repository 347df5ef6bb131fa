package io.hypersweep.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the local pods/log endpoint through the real client: the queries the follower sends.
 */
class PodLogEndpointTest {

  @Test
  void honoursTimestampsSinceTimeLimitBytesAndTailLines() throws Exception {
    try (LocalCluster cluster = LocalCluster.start()) {
      KubernetesClient client = cluster.client();
      cluster.logs().append("default", "p", "c", "step=1 score=0.5");
      cluster.logs().append("default", "p", "c", "step=2 score=0.6");
      var pod = client.pods().inNamespace("default").withName("p").inContainer("c");

      String stamped = pod.usingTimestamps().getLog();
      String[] lines = stamped.split("\n");
      assertThat(lines).hasSize(2);
      Instant first = Instant.parse(lines[0].substring(0, lines[0].indexOf(' ')));
      assertThat(lines[1]).endsWith(" step=2 score=0.6");

      assertThat(pod.usingTimestamps().sinceTime(first.plusSeconds(3600).toString()).getLog())
          .isEmpty();
      assertThat(pod.usingTimestamps().sinceTime(first.toString()).getLog()).isEqualTo(stamped);
      assertThat(pod.usingTimestamps().limitBytes(10).getLog()).hasSize(10);
      assertThat(pod.tailingLines(1).getLog()).isEqualTo("step=2 score=0.6\n");
    }
  }
}
