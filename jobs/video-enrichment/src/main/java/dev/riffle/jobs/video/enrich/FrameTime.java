package dev.riffle.jobs.video.enrich;

import dev.riffle.jobs.video.model.EnrichedDetection;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives every enriched detection its frame time as event time and passes watermarks through.
 * Detections that waited for the first camera registry leave the join from its broadcast side,
 * where Flink stamps them with the registry record's time (none): without this, the counts window
 * would reject them ("Record has Long.MIN_VALUE timestamp").
 */
public final class FrameTime extends AbstractStreamOperator<EnrichedDetection>
        implements OneInputStreamOperator<EnrichedDetection, EnrichedDetection> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<EnrichedDetection> element) {
        output.collect(element.replace(element.getValue(), element.getValue().frameTimeMillis));
    }
}
