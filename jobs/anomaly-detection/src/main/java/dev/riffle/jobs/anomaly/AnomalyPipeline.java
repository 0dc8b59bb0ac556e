package dev.riffle.jobs.anomaly;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.dedupe.EventDedupe;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventJson;
import dev.riffle.common.event.EventType;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.anomaly.config.AnomalyOptions;
import dev.riffle.jobs.anomaly.detector.AlertMapping;
import dev.riffle.jobs.anomaly.detector.AnomalyDetectors;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.detector.ScoredPoint;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;
import dev.riffle.jobs.anomaly.io.EventRecord;
import dev.riffle.jobs.anomaly.rules.MerchantSpikeRule;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.time.Instant;

/**
 * The DataStream detector as a function from events to alerts; {@code main()} only wires the
 * Kinesis source and sinks around it.
 *
 * <ul>
 *   <li>{@code telemetry/<device>/<metric>}: every reading;
 *   <li>{@code tx-count/<merchant>}: transactions per {@code series.interval};
 *   <li>{@code checkout-error-rate/<merchant>}: failed share of checkouts per interval.
 * </ul>
 *
 * Each series gets its own model ({@link AnomalyDetectors#score}); points graded above 0 become
 * {@link Alert}s. The scored stream itself is also returned for the lake.
 */
@PublicEvolving
public final class AnomalyPipeline {
    private AnomalyPipeline() {}

    /** Name of the job in the dead letters it writes. */
    public static final String JOB_NAME = "riffle-anomaly-detection";

    /** Uid of the eventId deduplication: part of the savepoint contract, never change it. */
    public static final String DEDUPE_UID = "anomaly-dedupe-event-id";

    /** Bytes of a rejected record kept in its dead letter. */
    static final int MAX_DEAD_LETTER_BYTES = 256 * 1024;

    /** Dead letters of records that are not events, and of events too late for their window. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** What the job makes of the events stream. */
    public static final class Outputs {
        /** Alerts as the alerts stream carries them (JSON, {@link AlertJson}). */
        public final DataStream<String> alerts;

        /** Every scored point, for the lake or for tests. */
        public final DataStream<ScoredPoint> scored;

        /** Records that are not events, and events too late for their interval. */
        public final DataStream<DeadLetter> deadLetters;

        Outputs(
                DataStream<String> alerts,
                DataStream<ScoredPoint> scored,
                DataStream<DeadLetter> deadLetters) {
            this.alerts = alerts;
            this.scored = scored;
            this.deadLetters = deadLetters;
        }
    }

    /**
     * The whole detector over the events stream's records, which carry their event time and
     * watermarks already ({@link #recordWatermarks()} at the source): a forest per series, and the
     * merchant-spike rule ({@link MerchantSpikeRule}) over the transaction counts.
     */
    public static Outputs build(
            DataStream<EventRecord> records,
            DetectorSettings settings,
            Duration interval,
            int minCheckouts) {
        return build(
                records,
                settings,
                interval,
                minCheckouts,
                AnomalyOptions.SERIES_OUT_OF_ORDERNESS.defaultValue());
    }

    /**
     * The same, for records whose watermarks allow {@code outOfOrderness} ({@link
     * #recordWatermarks(Duration)}): the late events' dead letters name it.
     */
    public static Outputs build(
            DataStream<EventRecord> records,
            DetectorSettings settings,
            Duration interval,
            int minCheckouts,
            Duration outOfOrderness) {
        return build(
                records,
                settings,
                interval,
                minCheckouts,
                outOfOrderness,
                AnomalyOptions.SERIES_DEDUPE_WINDOW.defaultValue());
    }

    /**
     * The same, dropping a copy of an event (same {@code eventId}) seen within {@code dedupeWindow}
     * of the first before the series count it ({@code series.dedupe.window}; {@link Duration#ZERO}:
     * no deduplication).
     */
    public static Outputs build(
            DataStream<EventRecord> records,
            DetectorSettings settings,
            Duration interval,
            int minCheckouts,
            Duration outOfOrderness,
            Duration dedupeWindow) {
        SingleOutputStreamOperator<Event> parsed =
                records.process(new SplitFailures())
                        .uid("anomaly-parse")
                        .name("events and dead letters");
        DataStream<Event> events = dedupe(parsed, dedupeWindow);
        OutputTag<Event> late = new OutputTag<>("late-events", TypeInformation.of(Event.class));
        SeriesStreams series = series(events, interval, minCheckouts, late);
        DataStream<ScoredPoint> scored = score(series.points, settings);
        DataStream<String> ruleAlerts =
                series.points
                        .filter(MerchantSpikeRule::reads)
                        .name("transaction counts")
                        .keyBy(p -> p.key)
                        .process(new MerchantSpikeRule(interval))
                        .uid("merchant-spike-rule")
                        .name("merchant-spike rule");
        DataStream<String> alerts = alerts(scored, interval).union(ruleAlerts);
        DataStream<DeadLetter> deadLetters =
                parsed.getSideOutput(DEAD_LETTERS)
                        .union(
                                series.late
                                        .map(new LateEvent(interval, outOfOrderness))
                                        .returns(TypeInformation.of(DeadLetter.class))
                                        .name("late events"));
        return new Outputs(alerts, scored, deadLetters);
    }

    /**
     * Drops the copies of an event that ingestion's at-least-once writes (or a replay after its
     * restore) put on the stream twice, so that no series counts an event twice. Keyed by the
     * event's partition key (user or device), which a copy shares with its original: a device's
     * readings stay in order on their way to its forests (keying by eventId would let two readings
     * overtake each other). Timestamps and watermarks pass through, so the event-time windows after
     * it see the same time.
     */
    static DataStream<Event> dedupe(DataStream<Event> events, Duration window) {
        if (window.isZero()) {
            return events;
        }
        return events.keyBy(e -> e.partitionKey() == null ? NO_PARTITION_KEY : e.partitionKey())
                .process(new EventDedupe(window), events.getType())
                .uid(DEDUPE_UID)
                .name("Deduplicate by eventId");
    }

    /** The key of events with neither user nor device (ingestion rejects those). */
    private static final String NO_PARTITION_KEY = "";

    /**
     * Event time of each record from its event's {@code occurredAt} (a failure has none and does
     * not move time), at most 5 s out of order within a shard; an idle shard does not hold time.
     */
    public static WatermarkStrategy<EventRecord> recordWatermarks() {
        return recordWatermarks(AnomalyOptions.SERIES_OUT_OF_ORDERNESS.defaultValue());
    }

    /** The same with {@code outOfOrderness} ({@code series.out-of-orderness}) instead of 5 s. */
    public static WatermarkStrategy<EventRecord> recordWatermarks(Duration outOfOrderness) {
        return WatermarkStrategy.<EventRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(
                        (r, ts) ->
                                r.event == null
                                        ? Long.MIN_VALUE
                                        : r.event.occurredAt.toEpochMilli())
                .withIdleness(Duration.ofSeconds(30));
    }

    /** Event time from {@code occurredAt}, 5 s out of order, idle sources do not hold time. */
    public static WatermarkStrategy<Event> watermarks() {
        return WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                .withTimestampAssigner((e, ts) -> e.occurredAt.toEpochMilli())
                .withIdleness(Duration.ofSeconds(30));
    }

    /** {@link #series(DataStream, Duration, int)} with the default minimum of checkouts. */
    public static DataStream<SeriesPoint> series(DataStream<Event> events, Duration interval) {
        return series(events, interval, AnomalyOptions.SERIES_MIN_CHECKOUTS.defaultValue());
    }

    /**
     * Events (with timestamps and watermarks) to series points. A merchant's interval with fewer
     * than {@code minCheckouts} checkouts gives no error-rate point: one failure in two requests is
     * not a rate anyone should be paged for.
     */
    public static DataStream<SeriesPoint> series(
            DataStream<Event> events, Duration interval, int minCheckouts) {
        return series(events, interval, minCheckouts, null).points;
    }

    /** Series points, and the events too late for their interval (null: not collected). */
    private record SeriesStreams(DataStream<SeriesPoint> points, DataStream<Event> late) {}

    private static SeriesStreams series(
            DataStream<Event> events, Duration interval, int minCheckouts, OutputTag<Event> late) {
        DataStream<SeriesPoint> telemetry =
                events.filter(
                                e ->
                                        e.type == EventType.TELEMETRY
                                                && e.deviceId != null
                                                && e.metric != null
                                                && e.value != null)
                        .name("telemetry")
                        .map(
                                e ->
                                        new SeriesPoint(
                                                "telemetry/" + e.deviceId + "/" + e.metric,
                                                e.occurredAt.toEpochMilli(),
                                                e.value))
                        .returns(SeriesPoint.class)
                        .name("telemetry readings");
        WindowedStream<Event, String, TimeWindow> transactionWindows =
                events.filter(e -> e.type == EventType.TRANSACTION && e.merchantId != null)
                        .name("transactions")
                        .keyBy(e -> e.merchantId)
                        .window(TumblingEventTimeWindows.of(interval));
        WindowedStream<Event, String, TimeWindow> checkoutWindows =
                events.filter(e -> e.type == EventType.CHECKOUT && e.merchantId != null)
                        .name("checkouts")
                        .keyBy(e -> e.merchantId)
                        .window(TumblingEventTimeWindows.of(interval));
        if (late != null) {
            transactionWindows = transactionWindows.sideOutputLateData(late);
            checkoutWindows = checkoutWindows.sideOutputLateData(late);
        }
        SingleOutputStreamOperator<SeriesPoint> transactions =
                transactionWindows
                        .aggregate(new CountAndErrors(), new ToPoint("tx-count/", false, 0))
                        .uid("tx-count-per-merchant")
                        .name("transactions per merchant and interval");
        SingleOutputStreamOperator<SeriesPoint> checkouts =
                checkoutWindows
                        .aggregate(
                                new CountAndErrors(),
                                new ToPoint("checkout-error-rate/", true, minCheckouts))
                        .uid("checkout-error-rate-per-merchant")
                        .name("checkout error rate per merchant and interval");
        DataStream<SeriesPoint> points = telemetry.union(transactions, checkouts);
        DataStream<Event> lateEvents =
                late == null
                        ? null
                        : transactions.getSideOutput(late).union(checkouts.getSideOutput(late));
        return new SeriesStreams(points, lateEvents);
    }

    /** Series points to scored points (every point, for the lake). */
    public static DataStream<ScoredPoint> score(
            DataStream<SeriesPoint> series, DetectorSettings settings) {
        return AnomalyDetectors.score(series, settings);
    }

    /**
     * Scored points graded above 0 to alerts, as their JSON ({@link AlertJson}): what the alerts
     * stream carries, and a plain string between operators.
     */
    public static DataStream<String> alerts(DataStream<ScoredPoint> scored, Duration interval) {
        return scored.filter(p -> p.grade > 0)
                .name("graded points")
                .map(
                        p ->
                                AlertJson.toJson(
                                        AlertMapping.toAlert(
                                                p,
                                                p.key.startsWith("telemetry/")
                                                        ? Duration.ZERO
                                                        : interval)))
                .returns(Types.STRING)
                .name("alerts");
    }

    /** Counts events and failed checkouts. */
    static final class CountAndErrors implements AggregateFunction<Event, long[], long[]> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Event e, long[] acc) {
            acc[0]++;
            if ("error".equals(e.outcome)) {
                acc[1]++;
            }
            return acc;
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    /** One point per merchant and window: the count, or the error rate. */
    static final class ToPoint
            extends ProcessWindowFunction<long[], SeriesPoint, String, TimeWindow> {
        private final String prefix;
        private final boolean errorRate;
        private final long minCount;

        ToPoint(String prefix, boolean errorRate, long minCount) {
            this.prefix = prefix;
            this.errorRate = errorRate;
            this.minCount = minCount;
        }

        @Override
        public void process(
                String merchant, Context ctx, Iterable<long[]> counts, Collector<SeriesPoint> out) {
            long[] c = counts.iterator().next();
            if (c[0] < minCount) {
                return;
            }
            double value = errorRate ? (double) c[1] / c[0] : c[0];
            out.collect(new SeriesPoint(prefix + merchant, ctx.window().getStart(), value));
        }
    }

    /** Events to the main output; records that are not events to {@link #DEAD_LETTERS}. */
    static final class SplitFailures extends ProcessFunction<EventRecord, Event> {
        @Override
        public void processElement(EventRecord r, Context ctx, Collector<Event> out) {
            if (r.isEvent()) {
                out.collect(r.event);
            } else {
                ctx.output(
                        DEAD_LETTERS,
                        DeadLetter.of(
                                r.raw,
                                ErrorType.valueOf(r.errorType),
                                r.errorMessage,
                                JOB_NAME,
                                Instant.now(),
                                MAX_DEAD_LETTER_BYTES));
            }
        }
    }

    /**
     * An event whose interval had closed when it arrived: a dead letter ({@code LATE_DATA}) with
     * the event as its bytes (the job reads events, not raw records, past the source).
     */
    static final class LateEvent implements MapFunction<Event, DeadLetter> {
        private final Duration interval;
        private final Duration outOfOrderness;

        LateEvent(Duration interval, Duration outOfOrderness) {
            this.interval = interval;
            this.outOfOrderness = outOfOrderness;
        }

        @Override
        public DeadLetter map(Event e) {
            RawRecord raw = new RawRecord();
            raw.data = EventJson.write(e);
            return DeadLetter.of(
                    raw,
                    ErrorType.LATE_DATA,
                    "Event "
                            + e.eventId
                            + " at "
                            + e.occurredAt
                            + " arrived after its "
                            + interval
                            + " interval had closed (watermark passed it by more than the "
                            + TimeUtils.formatWithHighestUnit(outOfOrderness)
                            + " out-of-orderness)",
                    JOB_NAME,
                    Instant.now(),
                    MAX_DEAD_LETTER_BYTES);
        }
    }
}
