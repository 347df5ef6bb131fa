package io.hypersweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests the push tokens: deterministic per trial, distinct across trials, sweeps and keys. */
class PushTokensTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final PushTokens tokens = new PushTokens(KEY);

  @Test
  void tokenIsUrlSafeAndVerifiesForItsTrialOnly() {
    String t = tokens.token("ns", "sweep", "uid-1", 3);
    assertThat(t).matches("[A-Za-z0-9_-]{43}");
    assertThat(tokens.verify("ns", "sweep", "uid-1", 3, t)).isTrue();
    assertThat(tokens.verify("ns", "sweep", "uid-1", 4, t)).isFalse();
    assertThat(tokens.verify("ns", "other", "uid-1", 3, t)).isFalse();
    assertThat(tokens.verify("other", "sweep", "uid-1", 3, t)).isFalse();
    assertThat(tokens.verify("ns", "sweep", "uid-2", 3, t)).isFalse();
  }

  @Test
  void sameInputsSameToken() {
    assertThat(new PushTokens(KEY).token("ns", "s", "u", 1))
        .isEqualTo(tokens.token("ns", "s", "u", 1));
  }

  @Test
  void anotherKeyGivesAnotherToken() {
    byte[] other = KEY.clone();
    other[0] ^= 1;
    String t = tokens.token("ns", "s", "u", 1);
    assertThat(new PushTokens(other).verify("ns", "s", "u", 1, t)).isFalse();
  }

  @Test
  void slashesInNamesAreRefusedSoSubjectsCannotShift() {
    // Otherwise "a" + "b/c" and "a/b" + "c" would sign the same subject.
    assertThatThrownBy(() -> tokens.token("a", "b/c", "u", 1))
        .isInstanceOf(IllegalArgumentException.class);
    String t = tokens.token("a", "b", "u", 1);
    assertThat(tokens.verify("a/b", "", "u", 1, t)).isFalse();
  }

  @Test
  void rejectsNullAndTamperedTokens() {
    String t = tokens.token("ns", "s", "u", 1);
    assertThat(tokens.verify("ns", "s", "u", 1, null)).isFalse();
    assertThat(tokens.verify("ns", "s", "u", 1, "")).isFalse();
    assertThat(tokens.verify("ns", "s", "u", 1, t + "A")).isFalse();
    char c = t.charAt(5) == 'A' ? 'B' : 'A';
    assertThat(tokens.verify("ns", "s", "u", 1, t.substring(0, 5) + c + t.substring(6))).isFalse();
  }

  @Test
  void shortKeysAreRefused() {
    assertThatThrownBy(() -> new PushTokens(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
