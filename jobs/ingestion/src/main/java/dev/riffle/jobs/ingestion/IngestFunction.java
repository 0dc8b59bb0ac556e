package dev.riffle.jobs.ingestion;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.Event;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.ingestion.config.IngestionConfig;
import dev.riffle.jobs.ingestion.process.InternalTrafficFilter;
import dev.riffle.jobs.ingestion.process.ProcessResult;
import dev.riffle.jobs.ingestion.process.RecordProcessor;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs {@link RecordProcessor} on every raw record: events go to the main output, rejections to the
 * {@link IngestionPipeline#DEAD_LETTERS} side output, internal traffic nowhere (counted). A record
 * that makes the processor throw becomes a {@code PROCESSING_ERROR} dead letter: no record fails
 * the job.
 *
 * <p>Metrics (operator scope): {@code rejected} per {@code reason} (an {@link ErrorType}), {@code
 * filtered} per {@code rule} ({@code test_account}, {@code internal_ip}), {@code enrichmentMisses}
 * (accepted events with an ip the database has no country for). Stateless.
 */
@Internal
public class IngestFunction extends ProcessFunction<RawRecord, Event> {
    private static final long serialVersionUID = 1L;

    private final IngestionConfig config;

    private transient RecordProcessor processor;
    private transient Map<ErrorType, Counter> rejected;
    private transient Counter filteredTestAccount;
    private transient Counter filteredInternalIp;
    private transient Counter enrichmentMisses;

    public IngestFunction(IngestionConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        processor = RecordProcessor.open(config);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        rejected = new EnumMap<>(ErrorType.class);
        for (ErrorType t : ErrorType.values()) {
            rejected.put(t, metrics.addGroup("reason", t.name()).counter("rejected"));
        }
        filteredTestAccount =
                metrics.addGroup("rule", InternalTrafficFilter.TEST_ACCOUNT).counter("filtered");
        filteredInternalIp =
                metrics.addGroup("rule", InternalTrafficFilter.INTERNAL_IP).counter("filtered");
        enrichmentMisses = metrics.counter("enrichmentMisses");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Event> out) {
        ProcessResult result;
        try {
            result = processor.process(record);
        } catch (RuntimeException e) {
            reject(record, ErrorType.PROCESSING_ERROR, e.toString(), ctx);
            return;
        }
        switch (result.kind) {
            case ACCEPTED:
                if (result.geoMiss) {
                    enrichmentMisses.inc();
                }
                out.collect(result.event);
                break;
            case FILTERED:
                (InternalTrafficFilter.TEST_ACCOUNT.equals(result.filterReason)
                                ? filteredTestAccount
                                : filteredInternalIp)
                        .inc();
                break;
            case REJECTED:
            default:
                reject(record, result.error, result.message, ctx);
        }
    }

    private void reject(RawRecord record, ErrorType error, String message, Context ctx) {
        rejected.get(error).inc();
        ctx.output(
                IngestionPipeline.DEAD_LETTERS,
                DeadLetter.of(
                        record,
                        error,
                        message,
                        config.jobName(),
                        Instant.now(),
                        config.deadLetterMaxRawBytes()));
    }

    @Override
    public void close() throws Exception {
        if (processor != null) {
            processor.close();
        }
    }
}
