package io.hypersweep.metrics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks the bearer tokens with which one trial may push metrics: an HMAC of the trial's
 * identity, so the operator needs no token store and a token never fits another trial.
 */
public final class PushTokens {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** Tokens under {@code key} (at least 16 bytes); the bytes are copied. */
  public PushTokens(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("the push key needs at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /**
   * The token of trial {@code number} of the sweep: the sweep's UID is part of it, so a sweep
   * deleted and created again under the same name does not accept its predecessor's tokens.
   */
  public String token(String namespace, String sweep, String sweepUid, int number) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac(namespace, sweep, sweepUid, number));
  }

  /** Whether {@code presented} is the token of that trial, compared in constant time. */
  public boolean verify(
      String namespace, String sweep, String sweepUid, int number, String presented) {
    if (presented == null || (namespace + sweep + sweepUid).indexOf('/') >= 0) {
      return false;
    }
    byte[] expected = token(namespace, sweep, sweepUid, number).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mac(String namespace, String sweep, String sweepUid, int number) {
    // Kubernetes names and UIDs never hold '/', so the joined subject is unambiguous; refusing
    // it keeps "a" + "b/c" from signing like "a/b" + "c".
    for (String part : new String[] {namespace, sweep, sweepUid}) {
      if (Objects.requireNonNull(part).indexOf('/') >= 0) {
        throw new IllegalArgumentException("a push token subject must not contain '/'");
      }
    }
    String subject = namespace + "/" + sweep + "/" + sweepUid + "/" + number;
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Every Java runtime ships HmacSHA256, so this is a broken JVM, not bad input.
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
