package dev.riffle.connector.kinesis.sink;

import dev.riffle.connector.kinesis.sink.internal.KinesisSinkEntry;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.flink.util.function.ThrowingRunnable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sink writer on the test thread with a hand-driven mailbox and clock: mails run when the
 * writer yields, and when it yields with no mail the clock jumps to the next timer (so backoffs and
 * buffer timeouts take no real time). A writer that would wait with nothing left to happen fails
 * instead of hanging.
 */
final class SinkWriterHarness<T> implements AutoCloseable {

    final Mailbox mailbox = new Mailbox();
    final Clock clock = new Clock();
    final Metrics metrics = new Metrics();
    final StatefulSinkWriter<T, BufferedRequestState<KinesisSinkEntry>> writer;

    SinkWriterHarness(KinesisSink<T> sink) throws Exception {
        this(sink, List.of());
    }

    SinkWriterHarness(KinesisSink<T> sink, Collection<BufferedRequestState<KinesisSinkEntry>> state)
            throws Exception {
        writer = sink.restoreWriter(new Context(), state);
    }

    void write(T element) throws Exception {
        writer.write(element, new WriteContext());
    }

    @SafeVarargs
    final void writeAll(T... elements) throws Exception {
        for (T e : elements) {
            write(e);
        }
    }

    /** What a checkpoint does: write everything and wait for it. */
    void flush() throws Exception {
        writer.flush(false);
    }

    long counter(String name) {
        return ((Counter) metrics.metrics.get(name)).getCount();
    }

    Object gauge(String name) {
        return ((Gauge<?>) metrics.metrics.get(name)).getValue();
    }

    @Override
    public void close() throws Exception {
        writer.close();
    }

    /** The mailbox: mails run in order when the writer yields. */
    final class Mailbox implements MailboxExecutor {
        final Deque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();

        @Override
        public void execute(
                MailOptions options,
                ThrowingRunnable<? extends Exception> command,
                String descriptionFormat,
                Object... descriptionArgs) {
            synchronized (mails) {
                mails.add(command);
            }
        }

        @Override
        public void yield() throws InterruptedException, FlinkRuntimeException {
            if (!tryYield()) {
                if (!clock.fireNext()) {
                    throw new IllegalStateException(
                            "The writer waits, but no mail is queued and no timer is set: it"
                                    + " would hang");
                }
            }
        }

        @Override
        public boolean tryYield() throws FlinkRuntimeException {
            ThrowingRunnable<? extends Exception> mail;
            synchronized (mails) {
                mail = mails.poll();
            }
            if (mail == null) {
                return false;
            }
            try {
                mail.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new FlinkRuntimeException(e);
            }
            return true;
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    }

    /** A clock that only moves when the writer has nothing else to do. */
    static final class Clock implements ProcessingTimeService {
        long now = 1_000_000;
        long waited;
        final PriorityQueue<Timer> timers =
                new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            Timer t = new Timer(timestamp, callback);
            timers.add(t);
            return t;
        }

        boolean fireNext() {
            Timer t;
            do {
                t = timers.poll();
            } while (t != null && t.isCancelled());
            if (t == null) {
                return false;
            }
            if (t.time > now) {
                waited += t.time - now;
                now = t.time;
            }
            try {
                t.callback.onProcessingTime(now);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new FlinkRuntimeException(e);
            }
            t.complete(null);
            return true;
        }
    }

    static final class Timer extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        final long time;
        final ProcessingTimeService.ProcessingTimeCallback callback;

        Timer(long time, ProcessingTimeService.ProcessingTimeCallback callback) {
            this.time = time;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }

    /** Keeps every metric by name. */
    static final class Metrics extends UnregisteredMetricsGroup implements SinkWriterMetricGroup {
        final Map<String, Metric> metrics = new HashMap<>();
        private final OperatorIOMetricGroup io =
                UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup().getIOMetricGroup();
        private final Counter sendErrors = new SimpleCounter();

        Metrics() {
            metrics.put("numRecordsSendErrors", sendErrors);
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            metrics.put(name, counter);
            return counter;
        }

        @Override
        public <V, G extends Gauge<V>> G gauge(String name, G gauge) {
            metrics.put(name, gauge);
            return gauge;
        }

        @Override
        public <M extends Meter> M meter(String name, M meter) {
            metrics.put(name, meter);
            return meter;
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return io;
        }

        @Override
        public Counter getNumRecordsOutErrorsCounter() {
            return sendErrors;
        }

        @Override
        public Counter getNumRecordsSendErrorsCounter() {
            return sendErrors;
        }

        @Override
        public Counter getNumRecordsSendCounter() {
            return io.getNumRecordsOutCounter();
        }

        @Override
        public Counter getNumBytesSendCounter() {
            return io.getNumBytesOutCounter();
        }

        @Override
        public void setCurrentSendTimeGauge(Gauge<Long> gauge) {
            metrics.put("currentSendTime", gauge);
        }
    }

    private final class Context implements WriterInitContext {
        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }

        @Override
        public MailboxExecutor getMailboxExecutor() {
            return mailbox;
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            return clock;
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public SerializationSchema.InitializationContext
                asSerializationSchemaInitializationContext() {
            return new SerializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return new UnregisteredMetricsGroup();
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return Context.this.getUserCodeClassLoader();
                }
            };
        }

        @Override
        public boolean isObjectReuseEnabled() {
            return false;
        }

        @Override
        public <IN> TypeSerializer<IN> createInputSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return OptionalLong.empty();
        }

        @Override
        public JobInfo getJobInfo() {
            return new JobInfoImpl(new JobID(), "test");
        }

        @Override
        public TaskInfo getTaskInfo() {
            return new TaskInfoImpl("sink", 1, 0, 1, 0);
        }
    }

    private static final class WriteContext implements SinkWriter.Context {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    }

    /** Collects dead letters in memory (for tests only: a real handler must make them durable). */
    static final class CollectingDeadLetters implements KinesisSinkDeadLetterHandler {
        final List<KinesisSinkDeadLetter> letters = new ArrayList<>();

        @Override
        public void handle(KinesisSinkDeadLetter deadLetter) {
            letters.add(deadLetter);
        }
    }
}
