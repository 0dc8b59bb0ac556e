package dev.riffle.jobs.ingestion.io;

import dev.riffle.common.deadletter.DeadLetter;
import dev.riffle.common.deadletter.DeadLetterJson;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A dead letter as the {@code dead-letters} stream carries it: {@link DeadLetterJson}, UTF-8. */
@Internal
public final class DeadLetterJsonSchema implements SerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(DeadLetter deadLetter) {
        return DeadLetterJson.write(deadLetter);
    }
}
