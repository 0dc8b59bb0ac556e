package dev.riffle.testing.kinesis;

import dev.riffle.testing.internal.JvmSharedExtension;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives tests a running kinesis-mock, a client, and a fresh stream per test.
 *
 * <pre>{@code
 * @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
 *
 * @Test
 * void roundTrip(@Shards(2) TestStream stream) { ... }
 * }</pre>
 *
 * <p>One emulator serves every test class in the JVM (starting Node.js costs seconds); it is
 * stopped when the test run ends. Streams get unique names, so tests never see each other's
 * records. Resolvable parameters: {@link KinesisMock}, {@link KinesisClient}, {@link TestStream}.
 */
public final class KinesisMockExtension extends JvmSharedExtension<KinesisMockExtension.Shared>
        implements ParameterResolver {
    private static final AtomicInteger STREAM_COUNTER = new AtomicInteger();

    public KinesisMockExtension() {
        super(Shared.class, Shared::new);
    }

    /** The running emulator. */
    public KinesisMock mock() {
        return requireStarted().mock;
    }

    /** A plain HTTP client, shared by the tests of this JVM. */
    public KinesisClient client() {
        return requireStarted().client;
    }

    /** Creates a stream with a unique name and waits until it is ACTIVE. */
    public TestStream createStream(int shards) {
        return createStream("stream", shards);
    }

    /** As {@link #createStream(int)}, with a readable prefix in the name. */
    public TestStream createStream(String prefix, int shards) {
        Shared s = requireStarted();
        String name = uniqueName(prefix);
        String arn = KinesisMock.createStream(s.client, name, shards);
        return new TestStream(s.client, name, arn, shards);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KinesisMock.class || type == KinesisClient.class || type == TestStream.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared s = shared(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KinesisMock.class) {
            return s.mock;
        }
        if (type == KinesisClient.class) {
            return s.client;
        }
        int shards = parameter.findAnnotation(Shards.class).map(Shards::value).orElse(1);
        String prefix = context.getTestMethod().map(m -> m.getName()).orElse("stream");
        return createStream(prefix, shards);
    }

    private static String uniqueName(String prefix) {
        String clean = prefix.replaceAll("[^A-Za-z0-9_.-]", "-").toLowerCase(Locale.ROOT);
        if (clean.length() > 60) {
            clean = clean.substring(0, 60);
        }
        return String.format(
                "%s-%d-%d", clean, ProcessHandle.current().pid(), STREAM_COUNTER.incrementAndGet());
    }

    /** The emulator shared by one JVM's tests; JUnit closes it when the run ends. */
    static final class Shared implements ExtensionContext.Store.CloseableResource {
        // Every test class of a JVM shares this emulator and its streams are never deleted, so
        // kinesis-mock's default account limit of 50 shards is soon reached: raise it.
        final KinesisMock mock = KinesisMock.builder().env("SHARD_LIMIT", "100000").build().start();
        final KinesisClient client = mock.client();

        @Override
        public void close() {
            mock.close();
        }
    }
}
