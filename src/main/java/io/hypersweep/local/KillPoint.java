package io.hypersweep.local;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A forced crash of one client: once a request of the client matching the trigger has been carried
 * out, every later request from the same User-Agent is refused (403), as if the process had died
 * right after that request returned. A restarted operator uses a new client with a new User-Agent.
 */
public final class KillPoint {
  private final Predicate<FaultInjector.ApiCall> trigger;
  private final CountDownLatch fired = new CountDownLatch(1);
  private volatile FaultInjector.ApiCall firedBy;
  private volatile boolean cancelled;

  KillPoint(Predicate<FaultInjector.ApiCall> trigger) {
    this.trigger = trigger;
  }

  /** Whether {@code call} fires this kill point; it fires once. */
  synchronized boolean fires(FaultInjector.ApiCall call) {
    if (firedBy == null && !cancelled && trigger.test(call)) {
      firedBy = call;
      fired.countDown();
      return true;
    }
    return false;
  }

  /** The request after which the client was cut off, if that happened within {@code wait}. */
  public Optional<FaultInjector.ApiCall> await(Duration wait) throws InterruptedException {
    fired.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(firedBy);
  }

  /** Disarms this kill point if it has not fired yet. */
  public synchronized void cancel() {
    cancelled = true;
  }
}
