package dev.riffle.jobs.parquet.internal;

import dev.riffle.jobs.parquet.config.DeliverySettings;
import dev.riffle.jobs.parquet.config.TimestampSource;
import dev.riffle.jobs.parquet.convert.ConversionException;
import dev.riffle.jobs.parquet.convert.JsonPath;
import dev.riffle.jobs.parquet.convert.JsonRowConverter;
import dev.riffle.jobs.parquet.prefix.PrefixTemplate;
import dev.riffle.jobs.parquet.record.DeliveryRecord;
import dev.riffle.jobs.parquet.record.ErrorCode;
import dev.riffle.jobs.parquet.record.ErrorRecord;
import dev.riffle.jobs.parquet.record.LakeRow;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns each record into a row and its folder, or into an error record and the error folder. Runs
 * chained to the Parquet file writer, so a checkpoint barrier reaches both at the same point of the
 * stream: that is what lets this function count what each checkpoint commits (delivered records,
 * data freshness) and cap the prefixes open between two checkpoints.
 *
 * <p>Steps per record: parse the JSON; convert it to the schema; read the timestamp (arrival or
 * event time) and the partition keys; evaluate the prefix; check the open-partition cap. The first
 * step that fails routes the record to {@link #ERRORS} with its error code. Holds no state: on
 * recovery the source replays everything after the last checkpoint, and the file sink discards what
 * that checkpoint had not committed.
 */
@Internal
public final class ConvertAndRoute extends ProcessFunction<DeliveryRecord, LakeRow>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;

    /** Records that cannot be delivered as rows. */
    public static final OutputTag<ErrorRecord> ERRORS =
            new OutputTag<>("parquet-delivery-errors", TypeInformation.of(ErrorRecord.class));

    private final DeliverySettings settings;

    private transient ObjectMapper mapper;
    private transient JsonRowConverter converter;
    private transient PrefixTemplate.Evaluator dataPrefix;
    private transient PrefixTemplate.Evaluator errorPrefix;
    private transient Map<String, JsonPath> partitionKeys;
    private transient Map<String, String> keyValues;
    private transient boolean eventTime;
    private transient JsonPath timestampField;
    private transient boolean caseInsensitive;
    private transient Set<String> openPartitions;
    private transient int maxOpenPartitions;
    private transient Random random;
    private transient CommitTracker tracker;

    private transient Counter recordsDelivered;
    private transient Counter bytesDelivered;
    private transient Counter errorRecordsDelivered;
    private transient Counter conversionFailures;
    private transient Counter partitioningFailures;
    private transient Counter partitionLimitExceeded;
    private transient Counter fieldsDropped;
    private transient long droppedReported;

    public ConvertAndRoute(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        // Floats are read as doubles (decimal columns take BigDecimal.valueOf of them: exact up
        // to 15-17 significant digits); a repeated key keeps its last value, as in OpenX.
        mapper = JsonMapper.builder().build();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(100).build());
        converter = new JsonRowConverter(settings.schema(), settings.json());
        dataPrefix = settings.prefixes().data().evaluator();
        errorPrefix = settings.prefixes().error().evaluator();
        partitionKeys = settings.partitionKeys();
        keyValues = new HashMap<>();
        eventTime = settings.timestampSource() == TimestampSource.EVENT_TIME;
        timestampField = settings.timestampField();
        caseInsensitive = settings.json().caseInsensitive();
        openPartitions = new HashSet<>();
        maxOpenPartitions = settings.maxOpenPartitions();
        random = new Random();
        dataPrefix.newRandomStrings(random);
        errorPrefix.newRandomStrings(random);
        tracker = new CommitTracker();

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        recordsDelivered = metrics.counter("recordsDelivered");
        bytesDelivered = metrics.counter("bytesDelivered");
        errorRecordsDelivered = metrics.counter("errorRecordsDelivered");
        conversionFailures = metrics.counter("conversionFailures");
        partitioningFailures = metrics.counter("partitioningFailures");
        partitionLimitExceeded = metrics.counter("partitionLimitExceeded");
        fieldsDropped = metrics.counter("fieldsDropped");
        metrics.gauge("openPartitions", () -> openPartitions.size());
        metrics.gauge("dataFreshnessMs", () -> tracker.freshnessMillis(System.currentTimeMillis()));
    }

    @Override
    public void processElement(DeliveryRecord record, Context ctx, Collector<LakeRow> out) {
        JsonNode root;
        try {
            root = mapper.readTree(record.data);
        } catch (IOException e) {
            fail(record, ErrorCode.MALFORMED_DATA, "Not valid JSON: " + firstLine(e), ctx);
            return;
        }
        if (root == null || !root.isObject()) {
            fail(
                    record,
                    ErrorCode.MALFORMED_DATA,
                    "Expected a JSON object, got "
                            + (root == null
                                    ? "nothing"
                                    : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)),
                    ctx);
            return;
        }
        GenericRecord row;
        try {
            row = converter.convert(root);
        } catch (ConversionException e) {
            fail(record, e.code(), e.getMessage(), ctx);
            return;
        } finally {
            long dropped = converter.droppedFields();
            fieldsDropped.inc(dropped - droppedReported);
            droppedReported = dropped;
        }
        long timestamp = record.arrivalTimeMillis;
        if (eventTime) {
            JsonNode value = timestampField.find(root, caseInsensitive);
            if (value == null || value.isNull()) {
                fail(
                        record,
                        ErrorCode.METADATA_EXTRACTION_FAILED,
                        String.format("Event time %s is missing", timestampField),
                        ctx);
                return;
            }
            try {
                timestamp = Math.floorDiv(converter.timestamps().micros(value), 1000L);
            } catch (DateTimeException | ArithmeticException e) {
                fail(
                        record,
                        ErrorCode.METADATA_EXTRACTION_FAILED,
                        String.format("Event time %s: %s", timestampField, e.getMessage()),
                        ctx);
                return;
            }
        }
        if (!partitionKeys.isEmpty()) {
            for (Map.Entry<String, JsonPath> key : partitionKeys.entrySet()) {
                JsonNode value = key.getValue().find(root, caseInsensitive);
                if (value == null || value.isNull() || !value.isValueNode()) {
                    fail(
                            record,
                            ErrorCode.METADATA_EXTRACTION_FAILED,
                            String.format(
                                    "Partition key '%s' (%s) is %s",
                                    key.getKey(),
                                    key.getValue(),
                                    value == null || value.isNull() ? "missing" : "not a scalar"),
                            ctx);
                    return;
                }
                String text = value.asText();
                if (text.isEmpty() || text.indexOf('/') >= 0) {
                    fail(
                            record,
                            ErrorCode.METADATA_EXTRACTION_FAILED,
                            String.format(
                                    "Partition key '%s' (%s) is '%s'; a key value must not be"
                                            + " empty or contain '/'",
                                    key.getKey(), key.getValue(), text),
                            ctx);
                    return;
                }
                keyValues.put(key.getKey(), text);
            }
        }
        String bucket = dataPrefix.evaluate(timestamp, keyValues, null);
        if (!openPartitions.contains(bucket)) {
            String problem = PrefixTemplate.checkEvaluated(bucket);
            if (problem != null) {
                fail(record, ErrorCode.INVALID_PREFIX, problem, ctx);
                return;
            }
            if (openPartitions.size() >= maxOpenPartitions) {
                fail(
                        record,
                        ErrorCode.ACTIVE_PARTITIONS_LIMIT_EXCEEDED,
                        String.format(
                                "Prefix '%s' would be open partition %d of this writer; at most"
                                        + " %d are open between two checkpoints"
                                        + " (max-open-partitions)",
                                bucket, openPartitions.size() + 1, maxOpenPartitions),
                        ctx);
                return;
            }
            openPartitions.add(bucket);
        }
        out.collect(new LakeRow(bucket, row));
        tracker.add(record.arrivalTimeMillis, record.data.length, true);
    }

    private void fail(DeliveryRecord record, ErrorCode code, String message, Context ctx) {
        long now = System.currentTimeMillis();
        String bucket =
                errorPrefix.evaluate(record.arrivalTimeMillis, Map.of(), code.outputType().value());
        ctx.output(ERRORS, ErrorRecord.of(record, code, message, now, bucket));
        tracker.add(record.arrivalTimeMillis, record.data == null ? 0 : record.data.length, false);
        switch (code.outputType()) {
            case FORMAT_CONVERSION_FAILED:
                conversionFailures.inc();
                break;
            case DYNAMIC_PARTITIONING_FAILED:
                partitioningFailures.inc();
                break;
            case ACTIVE_PARTITION_EXCEEDED:
                partitionLimitExceeded.inc();
                break;
            default:
        }
    }

    private static String firstLine(IOException e) {
        String m =
                String.valueOf(
                        e instanceof com.fasterxml.jackson.core.JsonProcessingException
                                ? ((com.fasterxml.jackson.core.JsonProcessingException) e)
                                        .getOriginalMessage()
                                : e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // The file writer rolls every open file at this barrier: a new set of partitions starts.
        tracker.onSnapshot(context.getCheckpointId());
        openPartitions.clear();
        dataPrefix.newRandomStrings(random);
        errorPrefix.newRandomStrings(random);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // Stateless: see the class comment.
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CommitTracker.Epoch delivered = tracker.onCheckpointComplete(checkpointId);
        recordsDelivered.inc(delivered.records);
        bytesDelivered.inc(delivered.bytes);
        errorRecordsDelivered.inc(delivered.errors);
    }
}
