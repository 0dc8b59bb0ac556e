package dev.riffle.connector.kvs;

import dev.riffle.connector.kinesis.aws.AwsSettings;
import dev.riffle.connector.kvs.config.KvsSourceConfig;
import dev.riffle.connector.kvs.media.AwsMediaClient;
import dev.riffle.connector.kvs.media.MediaClient;
import dev.riffle.connector.kvs.split.KvsSplit;
import dev.riffle.testing.Await;
import dev.riffle.testing.LocalAws;
import dev.riffle.testing.kvs.LocalKvsEndpoint;
import dev.riffle.testing.kvs.SyntheticFragment;
import dev.riffle.testing.kvs.SyntheticVideo;

import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KVS source reader against a local GetMedia endpoint, through the real AWS SDK clients: what
 * it reads, how it resumes from a checkpointed split, and how it rides out cut connections, KVS
 * error tags and throttling without losing or repeating a fragment.
 */
class GetMediaReaderITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private LocalKvsEndpoint kvs;
    private String stream;
    private String arn;
    private final List<SourceReader<KvsFragment, KvsSplit>> readers = new ArrayList<>();

    @BeforeEach
    void start() {
        IssueTimes.NANOS.clear();
        kvs = LocalKvsEndpoint.start(Duration.ofMillis(300), 3);
        stream = "camera-" + STREAMS.incrementAndGet();
        arn = kvs.createStream(stream);
    }

    @AfterEach
    void stop() throws Exception {
        for (SourceReader<KvsFragment, KvsSplit> r : readers) {
            r.close();
        }
        kvs.close();
    }

    private static List<SyntheticFragment> fragments(int first, int count) {
        return SyntheticVideo.builder()
                .fragments(count)
                .framesPerFragment(8)
                .firstFragmentIndex(first)
                .startProducerMillis(1_700_000_000_000L + first * 800L)
                .build()
                .fragments();
    }

    private KvsSource source(StartSelector selector) {
        Map<String, String> properties =
                Map.of(
                        "aws.endpoint",
                        kvs.endpoint().toString(),
                        "aws.credentials.provider",
                        "BASIC",
                        "aws.credentials.provider.basic.accesskeyid",
                        LocalAws.ACCESS_KEY_ID,
                        "aws.credentials.provider.basic.secretkey",
                        LocalAws.SECRET_ACCESS_KEY);
        Map<String, String> withStream = new java.util.HashMap<>(properties);
        withStream.put("stream.arn", arn);
        AwsSettings aws = KvsSourceConfig.from(withStream).aws();
        return KvsSource.builder()
                .properties(properties)
                .streamArns(arn)
                .startSelector(selector)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .idleReconnectDelay(Duration.ofMillis(100))
                // The real AWS client, with the time the reader issued each call noted.
                .mediaClients(() -> new IssueTimes(new AwsMediaClient(aws)))
                .build();
    }

    private SourceReader<KvsFragment, KvsSplit> reader(KvsSource source, KvsSplit split) {
        SourceReader<KvsFragment, KvsSplit> reader =
                source.createReader(new TestingReaderContext());
        readers.add(reader);
        reader.start();
        reader.addSplits(List.of(split));
        return reader;
    }

    /** Polls until {@code output} holds {@code count} fragments. */
    private static void readUntil(
            SourceReader<KvsFragment, KvsSplit> reader,
            TestingReaderOutput<KvsFragment> output,
            int count) {
        Await.until(
                TIMEOUT,
                () -> {
                    try {
                        reader.pollNext(output);
                        if (output.getEmittedRecords().size() < count) {
                            reader.isAvailable()
                                    .get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    } catch (java.util.concurrent.TimeoutException notYet) {
                        // poll again
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return output.getEmittedRecords().size() >= count;
                },
                count + " fragments");
    }

    /**
     * No six GetMedia calls within one second (KVS allows five per second per stream), measured
     * where the reader issues them (220 ms apart), and every call that reached KVS issued by the
     * reader: no SDK retry adds calls behind its pacing. Arrival times are not compared, as the
     * network can bunch arrivals up by more than any allowance.
     */
    private void assertCallRateWithinKvsLimit() {
        List<Long> calls = IssueTimes.NANOS;
        assertThat(calls).as("calls issued by the reader").hasSize(kvs.getMediaCalls(stream));
        for (int i = 0; i + 5 < calls.size(); i++) {
            assertThat(calls.get(i + 5) - calls.get(i))
                    .as("calls %d to %d issued within a second", i, i + 5)
                    .isGreaterThanOrEqualTo(1_000_000_000L);
        }
    }

    /** The AWS client, noting when each GetMedia call was issued ({@link System#nanoTime()}). */
    private static final class IssueTimes implements MediaClient {
        static final List<Long> NANOS = new CopyOnWriteArrayList<>();

        private final MediaClient delegate;

        IssueTimes(MediaClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream getMedia(String stream, StartSelector selector) throws IOException {
            NANOS.add(System.nanoTime());
            return delegate.getMedia(stream, selector);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static List<String> numbers(List<KvsFragment> fragments) {
        return fragments.stream().map(KvsFragment::getFragmentNumber).collect(Collectors.toList());
    }

    private static List<String> numbersOf(List<SyntheticFragment> fragments) {
        return fragments.stream()
                .map(SyntheticFragment::fragmentNumber)
                .collect(Collectors.toList());
    }

    @Test
    void readsFromEarliestThenLiveFragmentsAsTheyArriveOverOneConnection() {
        List<SyntheticFragment> first = fragments(0, 3);
        List<SyntheticFragment> later = fragments(3, 2);
        kvs.append(stream, first);
        KvsSource source = source(StartSelector.earliest());
        TestingReaderOutput<KvsFragment> output = new TestingReaderOutput<>();
        SourceReader<KvsFragment, KvsSplit> reader =
                reader(source, KvsSplit.stream(arn, StartSelector.earliest()));

        readUntil(reader, output, 3);
        kvs.append(stream, later);
        readUntil(reader, output, 5);

        List<SyntheticFragment> all = new ArrayList<>(first);
        all.addAll(later);
        assertThat(numbers(output.getEmittedRecords())).isEqualTo(numbersOf(all));
        KvsFragment third = output.getEmittedRecords().get(2);
        assertThat(third.getStream()).isEqualTo(arn);
        assertThat(third.getProducerTimestampMillis())
                .isEqualTo(first.get(2).producerTimestampMillis());
        assertThat(third.getFrameCount()).isEqualTo(8);
        assertThat(kvs.selectors(stream).get(0)).isEqualTo("EARLIEST");
        assertThat(kvs.maxConcurrentConnections(stream)).isEqualTo(1);
        assertCallRateWithinKvsLimit();
    }

    @Test
    void restoredSplitResumesAfterTheLastCompleteFragmentWithNothingLostOrRepeated()
            throws Exception {
        List<SyntheticFragment> all = fragments(0, 6);
        kvs.append(stream, all.subList(0, 3));
        KvsSource source = source(StartSelector.earliest());
        TestingReaderOutput<KvsFragment> before = new TestingReaderOutput<>();
        SourceReader<KvsFragment, KvsSplit> first =
                reader(source, KvsSplit.stream(arn, StartSelector.earliest()));
        readUntil(first, before, 3);

        List<KvsSplit> checkpoint = first.snapshotState(1);
        first.close();
        readers.remove(first);
        kvs.append(stream, all.subList(3, 6));
        TestingReaderOutput<KvsFragment> after = new TestingReaderOutput<>();
        SourceReader<KvsFragment, KvsSplit> second = reader(source, checkpoint.get(0));
        readUntil(second, after, 3);

        assertThat(checkpoint.get(0).lastFragmentNumber()).isEqualTo(all.get(2).fragmentNumber());
        assertThat(numbers(before.getEmittedRecords())).isEqualTo(numbersOf(all.subList(0, 3)));
        assertThat(numbers(after.getEmittedRecords())).isEqualTo(numbersOf(all.subList(3, 6)));
        assertThat(kvs.selectors(stream))
                .as("the restored reader continues after the checkpointed fragment")
                .contains("CONTINUATION_TOKEN " + all.get(2).fragmentNumber());
    }

    @Test
    void resumingByFragmentNumberDropsTheFragmentKvsSendsAgain() {
        List<SyntheticFragment> all = fragments(0, 4);
        kvs.append(stream, all);
        KvsSource source = source(StartSelector.earliest());
        KvsSplit withoutToken =
                new KvsSplit(
                        KvsSplit.Kind.STREAM,
                        arn,
                        StartSelector.earliest(),
                        all.get(1).fragmentNumber(),
                        all.get(1).producerTimestampMillis(),
                        all.get(1).serverTimestampMillis(),
                        null,
                        2);
        TestingReaderOutput<KvsFragment> output = new TestingReaderOutput<>();

        readUntil(reader(source, withoutToken), output, 2);

        assertThat(kvs.selectors(stream).get(0))
                .isEqualTo("FRAGMENT_NUMBER " + all.get(1).fragmentNumber());
        assertThat(numbers(output.getEmittedRecords())).isEqualTo(numbersOf(all.subList(2, 4)));
    }

    @Test
    void cutConnectionsKvsErrorTagsAndThrottlingAreRetriedWithoutLossOrRepeats() {
        List<SyntheticFragment> all = fragments(0, 6);
        kvs.append(stream, all);
        kvs.cutNextGetMediaAfterBytes(stream, all.get(0).toMkv().length + 400L);
        kvs.errorTagsOnNextGetMedia(stream, 2, 3002, "ERROR_WRITING_TO_STREAM");
        kvs.failNextGetMedia(stream, 400, "ClientLimitExceededException");
        kvs.failNextGetMedia(stream, 400, "ConnectionLimitExceededException");
        kvs.failNextGetMedia(stream, 500, "InternalServerError");
        KvsSource source = source(StartSelector.earliest());
        TestingReaderOutput<KvsFragment> output = new TestingReaderOutput<>();

        readUntil(reader(source, KvsSplit.stream(arn, StartSelector.earliest())), output, 6);

        assertThat(numbers(output.getEmittedRecords())).isEqualTo(numbersOf(all));
        assertThat(kvs.getMediaCalls(stream)).isGreaterThanOrEqualTo(6);
        assertCallRateWithinKvsLimit();
        assertThat(kvs.maxConcurrentConnections(stream)).isEqualTo(1);
    }

    @Test
    void aLastFragmentThatLeftRetentionContinuesFromTheEarliestRetained() {
        List<SyntheticFragment> all = fragments(0, 6);
        kvs.append(stream, all);
        kvs.expireOldest(stream, 4);
        KvsSource source = source(StartSelector.earliest());
        KvsSplit checkpointed =
                new KvsSplit(
                        KvsSplit.Kind.STREAM,
                        arn,
                        StartSelector.earliest(),
                        all.get(1).fragmentNumber(),
                        null,
                        null,
                        all.get(1).fragmentNumber(),
                        2);
        TestingReaderOutput<KvsFragment> output = new TestingReaderOutput<>();

        readUntil(reader(source, checkpointed), output, 2);

        assertThat(numbers(output.getEmittedRecords())).isEqualTo(numbersOf(all.subList(4, 6)));
        assertThat(kvs.selectors(stream)).contains("EARLIEST");
    }

    @Test
    void aStartFragmentKvsDoesNotHaveFailsWithAnActionableMessage() {
        kvs.append(stream, fragments(0, 2));
        String missing = SyntheticVideo.fragmentNumber(99);
        KvsSource source = source(StartSelector.fragmentNumber(missing));
        SourceReader<KvsFragment, KvsSplit> reader =
                reader(source, KvsSplit.stream(arn, StartSelector.fragmentNumber(missing)));
        TestingReaderOutput<KvsFragment> output = new TestingReaderOutput<>();

        Throwable failure =
                Await.until(
                        TIMEOUT,
                        () -> {
                            try {
                                reader.pollNext(output);
                                reader.isAvailable()
                                        .get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                                return null;
                            } catch (java.util.concurrent.TimeoutException notYet) {
                                return null;
                            } catch (Exception e) {
                                return e;
                            }
                        },
                        e -> e != null,
                        "the reader to fail");
        assertThat(output.getEmittedRecords()).isEmpty();
        assertThat(failure)
                .hasStackTraceContaining("KVS does not have the start fragment of " + arn)
                .hasStackTraceContaining("Choose another source.init.position");
    }
}
