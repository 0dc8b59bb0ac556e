package dev.riffle.connector.kinesis.sink.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.util.function.IntSupplier;

/**
 * The sink's metrics, registered in the sink writer's metric group beside Flink's own ({@code
 * numRecordsSend}, {@code numBytesSend}, {@code numRecordsSendErrors}, {@code currentSendTime}).
 * Names are documented in the README.
 */
@Internal
public final class SinkMetrics {
    public static final String RECORDS_SENT = "kinesisRecordsSent";
    public static final String BYTES_SENT = "kinesisBytesSent";
    public static final String RECORDS_RETRIED = "kinesisRecordsRetried";
    public static final String RECORDS_THROTTLED = "kinesisRecordsThrottled";
    public static final String RECORDS_DEAD_LETTERED = "kinesisRecordsDeadLettered";
    public static final String SEND_RATE = "kinesisSendRate";
    public static final String MAX_IN_FLIGHT_RECORDS = "kinesisMaxInFlightRecords";

    final Counter recordsSent;
    final Counter bytesSent;
    final Counter recordsRetried;
    final Counter recordsThrottled;
    final Counter recordsDeadLettered;
    final Counter sendErrors;
    final Meter sendRate;

    SinkMetrics(SinkWriterMetricGroup group, IntSupplier maxInFlightRecords) {
        recordsSent = group.counter(RECORDS_SENT);
        bytesSent = group.counter(BYTES_SENT);
        recordsRetried = group.counter(RECORDS_RETRIED);
        recordsThrottled = group.counter(RECORDS_THROTTLED);
        recordsDeadLettered = group.counter(RECORDS_DEAD_LETTERED);
        sendErrors = group.getNumRecordsSendErrorsCounter();
        sendRate = group.meter(SEND_RATE, new MeterView(recordsSent, 10));
        group.gauge(MAX_IN_FLIGHT_RECORDS, maxInFlightRecords::getAsInt);
    }
}
