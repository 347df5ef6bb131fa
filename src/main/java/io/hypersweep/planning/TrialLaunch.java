package io.hypersweep.planning;

import java.util.SortedMap;

/** A trial the plan starts: its number and the parameters its Job gets. */
public record TrialLaunch(int number, SortedMap<String, String> parameters) {}
