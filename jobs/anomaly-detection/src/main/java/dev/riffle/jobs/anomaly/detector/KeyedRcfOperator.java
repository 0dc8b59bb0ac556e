package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link SeriesModel} per key, kept in memory and checkpointed exactly.
 *
 * <h2>Memory and state</h2>
 *
 * <ul>
 *   <li>Live models sit in an access-ordered map capped at {@code max-live-models}. Scoring a point
 *       touches no state at all.
 *   <li>Keyed state per series: {@code model} (the forest's bytes) and {@code log} (points the
 *       forest learnt since those bytes were written).
 *   <li>{@link #prepareSnapshotPreBarrier}: for every series that changed since the last
 *       checkpoint, the operator sets the current key and appends its new points to {@code log};
 *       once a series has logged {@code snapshot-interval} points, it writes the whole forest to
 *       {@code model} instead and clears the log. So a checkpoint costs a few small appends per
 *       active series, and a forest is serialized once per {@code snapshot-interval} points.
 *   <li>A model pushed out of memory by the cap is flushed the same way, then dropped; its series'
 *       next point reloads it.
 *   <li>Loading (after a restore, a rescale or an eviction) decodes {@code model} and replays
 *       {@code log}. Forests are deterministic and the codec keeps their random state, so the
 *       reloaded model equals the one that never left: scores after a restore are identical to an
 *       uninterrupted run.
 *   <li>{@code model-ttl}: keyed state not written for that long (processing time) expires, and an
 *       in-memory model idle that long is discarded; the series then starts a fresh model.
 * </ul>
 *
 * <p>Always give the operator a uid ({@code rcf-detector} in {@link AnomalyDetectors}).
 */
@Internal
public class KeyedRcfOperator extends AbstractStreamOperator<ScoredPoint>
        implements OneInputStreamOperator<SeriesPoint, ScoredPoint> {
    private static final long serialVersionUID = 1L;

    private final DetectorSettings settings;

    private transient ValueState<byte[]> modelState;
    private transient ListState<byte[]> logState;
    private transient LinkedHashMap<Object, Live> live;
    private transient Set<Object> dirty;
    private transient Counter loads;
    private transient Counter snapshots;
    private transient Counter evictions;

    public KeyedRcfOperator(DetectorSettings settings) {
        this.settings = settings;
    }

    /** The in-memory side of one series. */
    private static final class Live {
        final SeriesModel model;
        int logged;
        final List<byte[]> pending = new ArrayList<>();
        long lastAccess;

        Live(SeriesModel model, int logged) {
            this.model = model;
            this.logged = logged;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<byte[]> modelDescriptor =
                new ValueStateDescriptor<>(
                        "model", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        ListStateDescriptor<byte[]> logDescriptor =
                new ListStateDescriptor<>(
                        "log", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        if (!settings.modelTtl().isZero()) {
            StateTtlConfig ttl =
                    StateTtlConfig.newBuilder(settings.modelTtl())
                            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                            .build();
            modelDescriptor.enableTimeToLive(ttl);
            logDescriptor.enableTimeToLive(ttl);
        }
        modelState = getRuntimeContext().getState(modelDescriptor);
        logState = getRuntimeContext().getListState(logDescriptor);
        live = new LinkedHashMap<>(16, 0.75f, true);
        dirty = new LinkedHashSet<>();
        loads = getMetricGroup().counter("rcfModelLoads");
        snapshots = getMetricGroup().counter("rcfModelSnapshots");
        evictions = getMetricGroup().counter("rcfModelEvictions");
        getMetricGroup().gauge("rcfLiveModels", () -> live.size());
    }

    @Override
    public void processElement(StreamRecord<SeriesPoint> element) throws Exception {
        SeriesPoint point = element.getValue();
        Object key = getCurrentKey();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        Live model = live.get(key);
        if (model != null && expired(model, now)) {
            live.remove(key);
            dirty.remove(key);
            modelState.clear();
            logState.clear();
            model = null;
        }
        if (model == null) {
            model = load(point.key);
            live.put(key, model);
            evictBeyondCap(key);
        }
        model.lastAccess = now;
        ScoredPoint scored = model.model.process(point.key, point.timestamp, point.value);
        model.pending.add(LogEntries.encode(point.timestamp, point.value));
        dirty.add(key);
        output.collect(element.replace(scored));
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        for (Object key : dirty) {
            setCurrentKey(key);
            flush(live.get(key));
        }
        dirty.clear();
    }

    private boolean expired(Live model, long now) {
        return !settings.modelTtl().isZero()
                && now - model.lastAccess > settings.modelTtl().toMillis();
    }

    private Live load(String seriesKey) throws Exception {
        byte[] bytes = modelState.value();
        SeriesModel model =
                bytes == null ? SeriesModel.create(settings) : SeriesModel.decode(settings, bytes);
        int logged = 0;
        Iterable<byte[]> log = logState.get();
        if (log != null) {
            for (byte[] entry : log) {
                model.process(seriesKey, LogEntries.timestamp(entry), LogEntries.value(entry));
                logged++;
            }
        }
        if (bytes != null || logged > 0) {
            loads.inc();
        }
        return new Live(model, logged);
    }

    private void evictBeyondCap(Object currentKey) throws Exception {
        if (live.size() <= settings.maxLiveModels()) {
            return;
        }
        Iterator<Map.Entry<Object, Live>> it = live.entrySet().iterator();
        while (live.size() > settings.maxLiveModels() && it.hasNext()) {
            Map.Entry<Object, Live> eldest = it.next();
            if (eldest.getKey().equals(currentKey)) {
                continue;
            }
            if (dirty.remove(eldest.getKey())) {
                setCurrentKey(eldest.getKey());
                flush(eldest.getValue());
            }
            it.remove();
            evictions.inc();
        }
        setCurrentKey(currentKey);
    }

    /** Writes what changed for the current key: its new points, or the whole forest. */
    private void flush(Live model) throws Exception {
        if (model == null || model.pending.isEmpty()) {
            return;
        }
        if (model.logged + model.pending.size() >= settings.snapshotInterval()) {
            modelState.update(model.model.encode());
            logState.clear();
            model.logged = 0;
            snapshots.inc();
        } else {
            logState.addAll(model.pending);
            model.logged += model.pending.size();
        }
        model.pending.clear();
    }
}
