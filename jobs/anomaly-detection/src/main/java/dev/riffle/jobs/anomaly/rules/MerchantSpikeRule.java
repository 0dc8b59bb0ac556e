package dev.riffle.jobs.anomaly.rules;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.jobs.anomaly.detector.SeriesPoint;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The merchant-spike rule of sql/anomaly/merchant-spike.sql in the DataStream job, over the
 * per-merchant transaction counts the detector already computes ({@code tx-count/<merchant>}, one
 * point per non-empty interval, in event-time order per merchant): an interval whose count exceeds
 * {@value #FACTOR}x the average of the {@value #BASELINE} intervals before it (empty intervals
 * count as zero), with at least {@value #MIN_COUNT} in the interval, {@value #MIN_BASELINE} in the
 * baseline, and the merchant seen in the baseline's first interval (right after a start the
 * baseline is not yet all there). Same thresholds, same alert id (what, key, window end) as the SQL
 * rule, so a consumer of both deduplicates them.
 *
 * <p>State per merchant: the counts of the last {@value #BASELINE} + 1 intervals and the index of
 * the newest ({@code long[]}, Flink's own primitive-array serializer).
 */
@Internal
public final class MerchantSpikeRule extends KeyedProcessFunction<String, SeriesPoint, String> {
    public static final String WHAT = "merchant-spike";
    static final int BASELINE = 10;
    static final double FACTOR = 3;
    static final long MIN_COUNT = 5;
    static final long MIN_BASELINE = 10;
    private static final String PREFIX = "tx-count/";

    private final long intervalMillis;
    private transient ValueState<long[]> window;

    public MerchantSpikeRule(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        window =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "merchant-spike-window",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(SeriesPoint p, Context ctx, Collector<String> out) throws Exception {
        long interval = Math.floorDiv(p.timestamp, intervalMillis);
        long[] state = window.value();
        // [0]: index of the newest interval; [1 + i % (BASELINE + 1)]: count of interval i.
        if (state == null) {
            state = new long[BASELINE + 2];
            state[0] = interval - BASELINE - 1;
        }
        long newest = state[0];
        if (interval <= newest) {
            return; // an interval fires once per merchant; nothing older is compared again
        }
        for (long i = Math.max(newest + 1, interval - BASELINE); i <= interval; i++) {
            state[slot(i)] = 0;
        }
        state[0] = interval;
        long count = (long) p.value;
        state[slot(interval)] = count;
        window.update(state);

        long baseline = 0;
        for (long i = interval - BASELINE; i < interval; i++) {
            baseline += state[slot(i)];
        }
        boolean seenAtStart = state[slot(interval - BASELINE)] > 0;
        double average = baseline / (double) BASELINE;
        if (count >= MIN_COUNT
                && baseline >= MIN_BASELINE
                && count > FACTOR * average
                && seenAtStart) {
            String merchant = ctx.getCurrentKey().substring(PREFIX.length());
            Instant start = Instant.ofEpochMilli(interval * intervalMillis);
            double ratio = count / average;
            out.collect(
                    AlertJson.toJson(
                            Alert.builder()
                                    .what(WHAT)
                                    .key(merchant)
                                    .window(start, start.plusMillis(intervalMillis))
                                    .observed(count)
                                    .expected(average)
                                    .score(ratio)
                                    .explanation(explanation(count, ratio, average))
                                    .build()));
        }
    }

    private static int slot(long interval) {
        return 1 + (int) Math.floorMod(interval, (long) BASELINE + 1);
    }

    /** The SQL rule's sentence (one-minute intervals), numbers as SQL prints a rounded DOUBLE. */
    private String explanation(long count, double ratio, double average) {
        String ratioText = Double.toString(Math.round(ratio * 10) / 10.0);
        String averageText = Double.toString(Math.round(average * 100) / 100.0);
        if (intervalMillis == 60_000L) {
            return count
                    + " transactions in one minute, "
                    + ratioText
                    + "x the trailing 10-minute average of "
                    + averageText;
        }
        return String.format(
                Locale.ROOT,
                "%d transactions in one %s interval, %sx the trailing %d-interval average of %s",
                count,
                Duration.ofMillis(intervalMillis),
                ratioText,
                BASELINE,
                averageText);
    }

    /** Whether a series point is a merchant's transaction count (what this rule reads). */
    public static boolean reads(SeriesPoint p) {
        return p.key.startsWith(PREFIX);
    }
}
