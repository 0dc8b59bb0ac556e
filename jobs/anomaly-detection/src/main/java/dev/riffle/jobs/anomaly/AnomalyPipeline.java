package dev.riffle.jobs.anomaly;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.EventType;
import dev.riffle.jobs.anomaly.config.AnomalyOptions;
import dev.riffle.jobs.anomaly.detector.AlertMapping;
import dev.riffle.jobs.anomaly.detector.AnomalyDetectors;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.detector.ScoredPoint;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Duration;

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
        DataStream<SeriesPoint> transactions =
                events.filter(e -> e.type == EventType.TRANSACTION && e.merchantId != null)
                        .name("transactions")
                        .keyBy(e -> e.merchantId)
                        .window(TumblingEventTimeWindows.of(interval))
                        .aggregate(new CountAndErrors(), new ToPoint("tx-count/", false, 0))
                        .uid("tx-count-per-merchant")
                        .name("transactions per merchant and interval");
        DataStream<SeriesPoint> checkouts =
                events.filter(e -> e.type == EventType.CHECKOUT && e.merchantId != null)
                        .name("checkouts")
                        .keyBy(e -> e.merchantId)
                        .window(TumblingEventTimeWindows.of(interval))
                        .aggregate(
                                new CountAndErrors(),
                                new ToPoint("checkout-error-rate/", true, minCheckouts))
                        .uid("checkout-error-rate-per-merchant")
                        .name("checkout error rate per merchant and interval");
        return telemetry.union(transactions, checkouts);
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
}
