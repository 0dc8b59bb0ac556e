package dev.riffle.jobs.parquet;

import dev.riffle.common.dedupe.FirstSighting;
import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.internal.ConvertAndRoute;
import dev.riffle.jobs.parquet.internal.DedupeKey;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.jobs.parquet.record.ErrorRecord;
import dev.riffle.jobs.parquet.record.LakeRow;
import dev.riffle.jobs.parquet.record.LakeRowTypeInfo;
import dev.riffle.jobs.parquet.sink.LakeSinks;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;

/**
 * The delivery as a function of its input: records in, Parquet files and error files out.
 *
 * <pre>{@code
 * DataStream<DeliveryRecord> records = env.fromSource(kinesisSource, ...);
 * ParquetDeliveryPipeline.build(records, settings);
 * env.execute("parquet-delivery");
 * }</pre>
 *
 * The converter runs at the input's parallelism and is chained to the Parquet writer (no shuffle):
 * each subtask writes its own files. Exactly once needs checkpointing (files are committed when a
 * checkpoint completes; rows are readable one checkpoint interval after they arrive at the latest).
 * With deduplication on ({@link DeliverySettings#dedupeField()}), records are first shuffled by
 * their id to a keyed step that drops ids already delivered within the window; its state is
 * checkpointed with the files, so each id is committed once across restores.
 *
 * <p>Safe with object reuse (which {@link ParquetDeliveryJob#configure} turns on): no step keeps a
 * record it was handed or changes it; the rows and error records it emits are new objects.
 */
@PublicEvolving
public final class ParquetDeliveryPipeline {

    /** Operator uids: part of the savepoint contract, never change them. */
    public static final String CONVERT_UID = "parquet-delivery-convert";

    public static final String DEDUPE_UID = "parquet-delivery-dedupe";

    public static final String ROWS_SINK_UID = "parquet-delivery-rows-sink";
    public static final String ERRORS_SINK_UID = "parquet-delivery-errors-sink";

    private ParquetDeliveryPipeline() {}

    /** Adds the delivery of {@code records} to their environment; returns the converted rows. */
    public static SingleOutputStreamOperator<LakeRow> build(
            DataStream<DeliveryRecord> records, DeliverySettings settings) {
        if (settings.dedupeField() != null) {
            records =
                    records.keyBy(
                                    new DedupeKey(
                                            settings.dedupeField(),
                                            settings.json().caseInsensitive()))
                            .process(
                                    new FirstSighting<DeliveryRecord>(
                                            Duration.ofMillis(settings.dedupeWindowMillis()),
                                            DedupeKey::hasId))
                            .returns(records.getType())
                            .uid(DEDUPE_UID)
                            .name("Deduplicate by " + settings.dedupeField());
        }
        SingleOutputStreamOperator<LakeRow> rows =
                records.process(
                                new ConvertAndRoute(settings),
                                new LakeRowTypeInfo(settings.schema()))
                        .uid(CONVERT_UID)
                        .name("Convert JSON to Parquet rows");
        rows.sinkTo(LakeSinks.rows(settings)).uid(ROWS_SINK_UID).name("Parquet files");
        DataStream<ErrorRecord> errors = rows.getSideOutput(ConvertAndRoute.ERRORS);
        errors.sinkTo(LakeSinks.errors(settings)).uid(ERRORS_SINK_UID).name("Error records");
        return rows;
    }
}
