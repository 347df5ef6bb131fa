package io.hypersweep.termination;

/**
 * Output: a running trial a policy stops now.
 *
 * @param number the trial's number
 * @param step the evaluation step (or rung) at which the policy judged it
 * @param value the trial's value the policy judged at that step (best-so-far or value at the step,
 *     as the reason says)
 * @param reason a human-readable explanation naming the comparison that failed
 */
public record StopDecision(int number, long step, double value, String reason) {}
