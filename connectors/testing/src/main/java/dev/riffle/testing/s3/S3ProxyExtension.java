package dev.riffle.testing.s3;

import dev.riffle.testing.internal.JvmSharedExtension;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gives tests a running s3proxy, an S3 client and a fresh bucket per test.
 *
 * <pre>{@code
 * @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
 *
 * @Test
 * void writes(TestBucket bucket) { ... }
 * }</pre>
 *
 * <p>One s3proxy serves every test in the JVM; it is stopped when the run ends. Resolvable
 * parameters: {@link S3Proxy}, {@link S3Client}, {@link TestBucket}.
 */
public final class S3ProxyExtension extends JvmSharedExtension<S3ProxyExtension.Shared>
        implements ParameterResolver {

    public S3ProxyExtension() {
        super(Shared.class, Shared::new);
    }

    public S3Proxy proxy() {
        return requireStarted().proxy;
    }

    public S3Client client() {
        return requireStarted().client;
    }

    public TestBucket createBucket() {
        Shared s = requireStarted();
        return new TestBucket(s.client, s.proxy.createBucket());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == S3Proxy.class || type == S3Client.class || type == TestBucket.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared s = shared(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == S3Proxy.class) {
            return s.proxy;
        }
        if (type == S3Client.class) {
            return s.client;
        }
        return createBucket();
    }

    static final class Shared implements ExtensionContext.Store.CloseableResource {
        final S3Proxy proxy = S3Proxy.builder().build().start();
        final S3Client client = proxy.client();

        @Override
        public void close() {
            proxy.close();
        }
    }
}
