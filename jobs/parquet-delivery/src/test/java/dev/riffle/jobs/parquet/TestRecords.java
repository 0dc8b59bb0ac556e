package dev.riffle.jobs.parquet;

import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Deterministic test traffic: record {@code i} is a JSON event with eventId {@code e-<i>}, one of
 * four types, an event time that advances 250 ms per record from {@link #START} (100,000 records
 * span about seven hours), and Kinesis metadata as the source would fill it.
 */
final class TestRecords {

    static final Instant START = Instant.parse("2026-03-01T22:00:00Z");
    static final String[] TYPES = {"click", "checkout", "transaction", "telemetry"};
    static final String COLUMNS =
            "eventId STRING NOT NULL, type STRING, occurredAt TIMESTAMP(3), userId STRING,"
                    + " amount DECIMAL(12, 2), device ROW<os STRING, version INT>";
    static final String PREFIX =
            "events/type=!{partitionKeyFromQuery:type}/dt=!{timestamp:yyyy-MM-dd}/hr=!{timestamp:HH}/";
    static final String ERROR_PREFIX =
            "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/";

    private TestRecords() {}

    static String type(long i) {
        return TYPES[(int) (i % TYPES.length)];
    }

    static long occurredAtMillis(long i) {
        return START.toEpochMilli() + i * 250L;
    }

    static String json(long i) {
        return "{\"eventId\":\"e-"
                + i
                + "\",\"Type\":\""
                + type(i)
                + "\",\"occurredAt\":\""
                + Instant.ofEpochMilli(occurredAtMillis(i))
                + "\",\"userId\":\"u-"
                + (i % 977)
                + "\",\"amount\":"
                + (i % 10_000) / 100.0
                + ",\"device\":{\"os\":\"android\",\"version\":"
                + (i % 14)
                + "},\"extra\":\"dropped\"}";
    }

    static DeliveryRecord record(long i) {
        return new DeliveryRecord(
                json(i).getBytes(StandardCharsets.UTF_8),
                "test-stream",
                "shardId-00000000000" + (i % 2),
                String.format("%056d", i),
                DeliveryRecord.NOT_AGGREGATED,
                "u-" + (i % 977),
                occurredAtMillis(i) + 1000L);
    }

    /** The folder record {@code i} belongs in under {@link #PREFIX} with event time. */
    static String expectedFolder(long i) {
        Instant t = Instant.ofEpochMilli(occurredAtMillis(i));
        return "events/type="
                + type(i)
                + "/dt="
                + DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(t)
                + "/hr="
                + DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC).format(t)
                + "/";
    }

    /** For a DataGeneratorSource. */
    static GeneratorFunction<Long, DeliveryRecord> generator() {
        return TestRecords::record;
    }
}
