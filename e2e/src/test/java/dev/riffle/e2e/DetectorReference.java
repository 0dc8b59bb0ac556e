package dev.riffle.e2e;

import dev.riffle.common.alert.Alert;
import dev.riffle.common.alert.AlertJson;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.anomaly.AnomalyPipeline;
import dev.riffle.jobs.anomaly.detector.DetectorSettings;
import dev.riffle.jobs.anomaly.io.EventRecord;
import dev.riffle.jobs.anomaly.io.EventRecordSchema;
import dev.riffle.testing.kinesis.StreamRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the DataStream detector raises on a given {@code [events]} stream when nothing goes wrong:
 * the job's own pipeline ({@link AnomalyPipeline#build}, same settings) in a bounded run, one
 * subtask, over the records exactly as the stream holds them (each shard in sequence order, so
 * every series sees its points in the order the job read them, and the copies ingestion's
 * at-least-once output wrote twice are there too, and dropped by the pipeline as in the job). No
 * watermark until the end: every interval closes with all of its events, which is what the faulted
 * job does as long as nothing it read was late (the test checks that it wrote no dead letter).
 */
final class DetectorReference {
    private DetectorReference() {}

    static List<Alert> alerts(
            List<StreamRecord> events,
            DetectorSettings settings,
            Duration interval,
            int minCheckouts,
            Duration outOfOrderness)
            throws Exception {
        List<EventRecord> records = new ArrayList<>();
        for (StreamRecord r : events) {
            records.add(
                    EventRecordSchema.parse(
                            new RawRecord(
                                    r.data(),
                                    "events",
                                    r.shardId(),
                                    r.sequenceNumber(),
                                    r.partitionKey(),
                                    r.approximateArrival().toEpochMilli())));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        WatermarkStrategy<EventRecord> eventTimeOnly =
                WatermarkStrategy.<EventRecord>noWatermarks()
                        .withTimestampAssigner(
                                (r, ts) ->
                                        r.event == null
                                                ? Long.MIN_VALUE
                                                : r.event.occurredAt.toEpochMilli());
        AnomalyPipeline.Outputs out =
                AnomalyPipeline.build(
                        env.fromData(records, TypeInformation.of(EventRecord.class))
                                .assignTimestampsAndWatermarks(eventTimeOnly),
                        settings,
                        interval,
                        minCheckouts,
                        outOfOrderness);
        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<String> it = out.alerts.executeAndCollect("detector-reference")) {
            it.forEachRemaining(json -> alerts.add(AlertJson.fromJson(json)));
        }
        return alerts;
    }
}
