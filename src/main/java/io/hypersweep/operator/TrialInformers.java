package io.hypersweep.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.trial.TrialLabels;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;

/** Informers on trial Jobs and Pods, mapped to their sweep by the sweep label. */
final class TrialInformers {
  private TrialInformers() {}

  /**
   * Pods carry no owner reference to the sweep (their owner is the Job), so both kinds are mapped
   * by label, and only labelled objects are cached.
   */
  static <R extends HasMetadata> InformerEventSource<R, HyperparameterSweep> of(
      Class<R> type, EventSourceContext<HyperparameterSweep> context) {
    var config =
        InformerEventSourceConfiguration.from(type, HyperparameterSweep.class)
            .withLabelSelector(TrialLabels.SWEEP)
            .withSecondaryToPrimaryMapper(
                r ->
                    Set.of(
                        new ResourceID(
                            r.getMetadata().getLabels().get(TrialLabels.SWEEP),
                            r.getMetadata().getNamespace())))
            .build();
    return new InformerEventSource<>(config, context);
  }
}
