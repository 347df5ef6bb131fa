package io.hypersweep.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes-style conditions that keep their lastTransitionTime unless their status flips. */
final class ConditionSet {
  private final List<Condition> conditions;
  private final String now;
  private final long generation;

  ConditionSet(List<Condition> previous, String now, long generation) {
    this.conditions = new ArrayList<>();
    for (Condition c : previous) {
      conditions.add(new ConditionBuilder(c).build());
    }
    this.now = now;
    this.generation = generation;
  }

  void set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    for (int i = 0; i < conditions.size(); i++) {
      Condition old = conditions.get(i);
      if (old.getType().equals(type)) {
        String since = value.equals(old.getStatus()) ? old.getLastTransitionTime() : now;
        conditions.set(i, build(type, value, reason, message, since));
        return;
      }
    }
    conditions.add(build(type, value, reason, message, now));
  }

  void remove(String type) {
    conditions.removeIf(c -> c.getType().equals(type));
  }

  List<Condition> toList() {
    return conditions;
  }

  private Condition build(String type, String value, String reason, String message, String since) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
