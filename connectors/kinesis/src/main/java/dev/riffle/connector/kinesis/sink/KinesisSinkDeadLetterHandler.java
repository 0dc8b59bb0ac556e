package dev.riffle.connector.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;

/**
 * Receives the records the sink can never write (see {@link KinesisSinkDeadLetter.ErrorType}), so
 * that they are kept with their reason instead of failing the job. One instance per sink subtask;
 * every method is called on the subtask's task thread.
 *
 * <p>Delivery is at-least-once: {@link #flush()} is called before every checkpoint completes, and
 * an exception from any method fails the job (a dead letter is never dropped silently). The
 * built-in handler writes JSON envelopes to a second Kinesis stream ({@code
 * sink.dead-letter.stream.arn}).
 */
@PublicEvolving
public interface KinesisSinkDeadLetterHandler extends Serializable {

    default void open(WriterInitContext context) throws Exception {}

    /** Keeps one dead letter; may buffer it until {@link #flush()}. */
    void handle(KinesisSinkDeadLetter deadLetter) throws Exception;

    /** Makes every dead letter handed over so far durable. */
    default void flush() throws Exception {}

    default void close() throws Exception {}
}
