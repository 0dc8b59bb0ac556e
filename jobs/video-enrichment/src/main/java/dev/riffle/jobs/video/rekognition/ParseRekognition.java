package dev.riffle.jobs.video.rekognition;

import dev.riffle.jobs.video.deadletter.DeadLetter;
import dev.riffle.jobs.video.model.Detection;
import dev.riffle.jobs.video.model.RawRecord;

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
        try {
            for (Detection d : parser.parse(record)) {
                out.collect(d);
            }
        } catch (BadRecordException e) {
            if (bad != null) {
                bad.inc();
            }
            ctx.output(
                    deadLetters,
                    DeadLetter.of(
                            DeadLetter.BAD_REKOGNITION_RECORD,
                            e.getMessage(),
                            record.data == null ? new byte[0] : record.data,
                            record.stream,
                            record.shardId,
                            record.sequenceNumber,
                            record.arrivalMillis));
        }
    }
}
