package io.hypersweep.local;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A forced crash of the faulted client: once a request matching the trigger has been carried out,
 * every later request of that client is refused (403) until {@link #release()}, as if the process
 * had died right after that request returned. A test stops the operator meanwhile.
 */
public final class KillPoint {
  private final Predicate<FaultInjector.ApiCall> trigger;
  private final CountDownLatch fired = new CountDownLatch(1);
  private final AtomicInteger refused = new AtomicInteger();
  private volatile FaultInjector.ApiCall firedBy;
  private volatile boolean released;

  KillPoint(Predicate<FaultInjector.ApiCall> trigger) {
    this.trigger = trigger;
  }

  /** Called with each carried-out request of the faulted client. */
  synchronized void observe(FaultInjector.ApiCall call) {
    if (firedBy == null && !released && trigger.test(call)) {
      firedBy = call;
      fired.countDown();
    }
  }

  /** Whether this kill point now refuses the client's requests; counts the refusal if so. */
  boolean refuse() {
    if (firedBy != null && !released) {
      refused.incrementAndGet();
      return true;
    }
    return false;
  }

  /** The request after which the client was cut off, once that happened within {@code wait}. */
  public Optional<FaultInjector.ApiCall> await(Duration wait) throws InterruptedException {
    fired.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(firedBy);
  }

  /** How many requests were refused after the kill point fired. */
  public int refused() {
    return refused.get();
  }

  /** Lets the client's requests through again (the restarted operator's). */
  public void release() {
    released = true;
    fired.countDown();
  }
}
