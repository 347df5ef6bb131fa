package io.hypersweep.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.ArchiveChunk;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.planning.ArchivePlan;
import io.hypersweep.planning.ArchivedTrials;
import io.hypersweep.trial.TrialLabels;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The API calls on a sweep's archive ConfigMaps: reads the chunks, writes new ones, never more. */
final class TrialArchive {
  /** The data key holding a chunk's records as one JSON array. */
  static final String DATA_KEY = "trials.json";

  /** Chunks kept parsed: two sweeps of 10,000 trials (about 64 MB with 50-point curves). */
  static final int MAX_PARSED_CHUNKS = 400;

  /**
   * Parsed chunks by ConfigMap uid: chunks are immutable, so each is parsed once, not on every
   * reconcile. Bounded, so deleted sweeps' chunks age out.
   */
  private static final Map<String, Parsed> PARSED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
              return size() > MAX_PARSED_CHUNKS;
            }
          });

  /** A chunk's JSON and its records: the JSON is compared, so a reused uid cannot mislead. */
  private record Parsed(String json, List<TrialRecord> records) {}

  private final KubernetesClient client;
  private final HyperparameterSweep sweep;
  private final String namespace;
  private final String name;

  TrialArchive(KubernetesClient client, HyperparameterSweep sweep) {
    this.client = client;
    this.sweep = sweep;
    this.namespace = sweep.getMetadata().getNamespace();
    this.name = sweep.getMetadata().getName();
  }

  /**
   * The archive: the chunks in the informer cache, and by a direct read those the status lists that
   * the cache does not show yet (it may lag behind a create).
   */
  ArchivedTrials read(Collection<ConfigMap> cached, SweepStatus previous) {
    SortedMap<Integer, List<TrialRecord>> found = new TreeMap<>();
    for (ConfigMap cm : cached) {
      int index = ArchivePlan.chunkIndex(name, cm.getMetadata().getName());
      if (index >= 0 && owned(cm)) {
        found.put(index, records(cm));
      }
    }
    List<String> missing = new ArrayList<>();
    for (ArchiveChunk chunk :
        previous.archive == null ? List.<ArchiveChunk>of() : previous.archive) {
      int index = ArchivePlan.chunkIndex(name, chunk.configMap);
      if (found.containsKey(index)) {
        continue;
      }
      ConfigMap cm = client.configMaps().inNamespace(namespace).withName(chunk.configMap).get();
      if (cm == null || !owned(cm)) {
        missing.add(chunk.configMap);
      } else {
        found.put(index, records(cm));
      }
    }
    return ArchivedTrials.assemble(name, found, missing, previous.trials);
  }

  /**
   * Writes the plan's chunks and returns the plan as written. A chunk that already exists was
   * written by an incarnation that died before recording it: it is adopted if every record in it
   * equals the known one, and writing stops there, as later chunks were planned without knowing it.
   * Anything else is never overwritten: the reconcile fails, naming the ConfigMap.
   */
  ArchivePlan write(ArchivePlan plan, List<TrialRecord> known) {
    Map<Integer, TrialRecord> byNumber =
        known.stream().collect(Collectors.toMap(r -> r.number, Function.identity(), (a, b) -> b));
    List<ArchivePlan.Write> written = new ArrayList<>();
    for (ArchivePlan.Write w : plan.writes()) {
      try {
        client.configMaps().resource(configMap(w)).create();
        written.add(w);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        ConfigMap existing =
            client.configMaps().inNamespace(namespace).withName(w.chunk().configMap).get();
        List<TrialRecord> recs = existing != null && owned(existing) ? records(existing) : null;
        if (recs == null
            || recs.isEmpty()
            || !recs.stream().allMatch(r -> Objects.equals(byNumber.get(r.number), r))) {
          throw new IllegalStateException(
              "archive ConfigMap "
                  + namespace
                  + "/"
                  + w.chunk().configMap
                  + " already exists with other contents; the operator never overwrites it");
        }
        written.add(
            new ArchivePlan.Write(
                w.index(),
                new ArchiveChunk(
                    w.chunk().configMap,
                    recs.get(0).number,
                    recs.get(recs.size() - 1).number,
                    recs.size()),
                recs));
        break;
      }
    }
    return plan.withWrites(written);
  }

  /**
   * Every record of {@code source}, archived or in its status, by trial number: what another sweep
   * warm-starts from. Read directly, as only the watched sweeps' chunks are cached.
   */
  static List<TrialRecord> allRecords(KubernetesClient client, HyperparameterSweep source) {
    TreeMap<Integer, TrialRecord> all = new TreeMap<>();
    if (source.getStatus() != null) {
      source.getStatus().trials.forEach(t -> all.put(t.number, t));
    }
    if (source.getStatus() != null && source.getStatus().archive != null) {
      TrialArchive archive = new TrialArchive(client, source);
      client
          .configMaps()
          .inNamespace(archive.namespace)
          .withLabel(TrialLabels.SWEEP, archive.name)
          .list()
          .getItems()
          .stream()
          .filter(cm -> ArchivePlan.chunkIndex(archive.name, cm.getMetadata().getName()) >= 0)
          .filter(archive::owned)
          .forEach(cm -> records(cm).forEach(r -> all.put(r.number, r)));
    }
    return new ArrayList<>(all.values());
  }

  private ConfigMap configMap(ArchivePlan.Write w) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(w.chunk().configMap)
        .withNamespace(namespace)
        .addToLabels(TrialLabels.SWEEP, name)
        .addToLabels(TrialLabels.MANAGED_BY, TrialLabels.MANAGER)
        .addToOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(sweep.getApiVersion())
                .withKind(sweep.getKind())
                .withName(name)
                .withUid(sweep.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withImmutable(true)
        .addToData(DATA_KEY, Serialization.asJson(w.records()))
        .build();
  }

  /** Only this sweep's chunks count: a same-named sweep deleted earlier may have left some. */
  private boolean owned(ConfigMap cm) {
    String uid = sweep.getMetadata().getUid();
    return cm.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
  }

  private static List<TrialRecord> records(ConfigMap cm) {
    String uid = cm.getMetadata().getUid();
    String json = cm.getData() == null ? null : cm.getData().get(DATA_KEY);
    if (json == null) {
      return List.of();
    }
    Parsed cached = uid == null ? null : PARSED.get(uid);
    if (cached != null && cached.json().equals(json)) {
      return cached.records();
    }
    List<TrialRecord> parsed;
    try {
      parsed =
          List.copyOf(
              Serialization.jsonMapper()
                  .readValue(json, new TypeReference<List<TrialRecord>>() {}));
    } catch (JsonProcessingException e) {
      parsed = List.of();
    }
    if (uid != null) {
      PARSED.put(uid, new Parsed(json, parsed));
    }
    return parsed;
  }
}
