package io.hypersweep.termination;

/** Settings of one early-termination policy; {@link TerminationPolicy#of} builds the policy. */
public sealed interface TerminationSettings
    permits BanditSettings, MedianStoppingSettings, TruncationSelectionSettings, AshaSettings {}
