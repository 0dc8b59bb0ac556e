package dev.riffle.jobs.video.rekognition;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.RawRecord;
import dev.riffle.jobs.video.enrich.DeadLetters;
import dev.riffle.jobs.video.model.Detection;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses Rekognition records into detections; a record that cannot be parsed goes to the
 * dead-letter side output with the reason and its raw bytes, and is counted ({@code
 * badRekognitionRecords}). Never fails the job.
 */
public class ParseRekognition extends ProcessFunction<RawRecord, Detection> {
    private static final long serialVersionUID = 1L;

    private final OutputTag<DeadLetter> deadLetters;
    private final RekognitionParser parser = new RekognitionParser();
    private transient Counter bad;

    public ParseRekognition(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        bad = getRuntimeContext().getMetricGroup().counter("badRekognitionRecords");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Detection> out) {
        if (record.sourceError != null) {
            count();
            ctx.output(
                    deadLetters,
                    DeadLetters.of(record, ErrorType.CORRUPT_AGGREGATE, record.sourceError));
            return;
        }
        try {
            for (Detection d : parser.parse(record)) {
                out.collect(d);
            }
        } catch (BadRecordException e) {
            count();
            ctx.output(deadLetters, DeadLetters.of(record, e.type(), e.getMessage()));
        }
    }

    private void count() {
        if (bad != null) {
            bad.inc();
        }
    }
}
