package dev.riffle.deploy.msf;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One record per suite stream, in the shape the stream carries, with a unique id in a known field:
 * what {@link MsfStartITCase} puts on an application's input to see that the started job reads the
 * configured stream and writes where its properties say.
 */
final class Probes {

    /** A record for a stream, and the field its id is in. */
    record Probe(Function<String, String> json, String idField) {}

    static final Map<String, Probe> BY_STREAM =
            Map.of(
                    "raw-events",
                    new Probe(
                            id ->
                                    "{\"eventId\":\""
                                            + id
                                            + "\",\"type\":\"transaction\","
                                            + "\"timestamp\":\"2026-03-01T12:00:00Z\","
                                            + "\"userId\":\"u-1\",\"merchantId\":\"m-1\","
                                            + "\"amount\":12.5,\"currency\":\"eur\","
                                            + "\"status\":\"captured\"}",
                            "eventId"),
                    "events",
                    new Probe(
                            id ->
                                    "{\"eventId\":\""
                                            + id
                                            + "\",\"type\":\"transaction\","
                                            + "\"occurredAt\":\"2026-03-01T12:00:00.000Z\","
                                            + "\"receivedAt\":\"2026-03-01T12:00:00.120Z\","
                                            + "\"userId\":\"u-1\",\"merchantId\":\"m-1\","
                                            + "\"amount\":12.5,\"currency\":\"EUR\","
                                            + "\"status\":\"captured\"}",
                            "eventId"),
                    "dead-letters",
                    new Probe(
                            id ->
                                    "{\"version\":1,\"errorType\":\"MALFORMED_JSON\","
                                            + "\"errorMessage\":\""
                                            + id
                                            + "\",\"jobName\":\"riffle-ingestion\","
                                            + "\"failedAt\":\"2026-03-01T12:00:01.002Z\","
                                            + "\"shardId\":\"shardId-000000000000\","
                                            + "\"rawSize\":3,\"rawTruncated\":false,"
                                            + "\"rawBase64\":\"e3t7\"}",
                            "errorMessage"),
                    "alerts",
                    new Probe(
                            id ->
                                    "{\"alertId\":\""
                                            + id
                                            + "\",\"what\":\"merchant-spike\",\"key\":\"m-1\","
                                            + "\"window\":{\"start\":\"2026-03-01T10:30:00Z\","
                                            + "\"end\":\"2026-03-01T10:31:00Z\"},"
                                            + "\"observed\":36.0,\"expected\":6.0,\"score\":6.0,"
                                            + "\"grade\":null,\"explanation\":\"probe\","
                                            + "\"attribution\":{}}",
                            "alertId"),
                    "rekognition-results",
                    // Not Rekognition output: the job must turn it into a dead letter carrying it.
                    new Probe(
                            id -> "{\"probeId\":\"" + id + "\",\"InputInformation\":{}}",
                            "probeId"),
                    "detections",
                    new Probe(
                            id ->
                                    "{\"detectionId\":\""
                                            + id
                                            + "\",\"kind\":\"LABEL\",\"label\":\"PACKAGE\","
                                            + "\"confidence\":93.0,\"frameTime\":1772366400800,"
                                            + "\"streamArn\":\"arn:aws:kinesisvideo:us-east-1:"
                                            + "000000000000:stream/door/1700000000000\","
                                            + "\"fragmentNumber\":\"91343852333181432392682062"
                                            + "6\",\"camera\":{\"cameraId\":\"door-1\","
                                            + "\"site\":\"hq\"},\"replay\":{\"fragmentNumber\":"
                                            + "\"913438523331814323926820626\"},"
                                            + "\"flags\":[]}",
                            "detectionId"));

    private Probes() {}

    static Optional<Probe> forStream(String stream) {
        return Optional.ofNullable(BY_STREAM.get(stream));
    }

    /**
     * Every row of every Parquet file a reader of the lake sees under {@code root} (files and
     * folders starting with '.' or '_' are in progress or error output: hidden, as Athena and Spark
     * treat them).
     */
    static List<GenericRecord> visibleRows(Path root) {
        List<GenericRecord> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return rows;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    files.filter(Files::isRegularFile)
                            .filter(p -> p.toString().endsWith(".parquet"))
                            .filter(p -> visible(root.relativize(p)))
                            .toList()) {
                try (ParquetReader<GenericRecord> reader =
                        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                                .withConf(new PlainParquetConfiguration())
                                .build()) {
                    GenericRecord r;
                    while ((r = reader.read()) != null) {
                        rows.add(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Every file under {@code root}, relative to it, for failure messages. */
    static List<String> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean visible(Path relative) {
        for (Path segment : relative) {
            String s = segment.toString();
            if (s.startsWith(".") || s.startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
