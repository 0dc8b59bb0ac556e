package dev.riffle.testing.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** s3proxy as the tests get it: a real AWS SDK v2 S3 client against a local folder. */
class S3ProxyITCase {

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @Test
    void anObjectRoundTripsAndIsStoredOnDisk(S3Proxy proxy, S3Client s3, TestBucket bucket)
            throws Exception {
        byte[] body = "{\"eventId\":\"e-1\",\"amount\":12.5}\n".getBytes(StandardCharsets.UTF_8);
        s3.putObject(
                r -> r.bucket(bucket.name()).key("lake/dt=2026-11-22/part-0.json"),
                RequestBody.fromBytes(body));

        assertThat(bucket.get("lake/dt=2026-11-22/part-0.json")).isEqualTo(body);
        assertThat(bucket.keys("lake/")).containsExactly("lake/dt=2026-11-22/part-0.json");
        assertThat(proxy.dataDir().resolve(bucket.name()).resolve("lake/dt=2026-11-22/part-0.json"))
                .hasBinaryContent(body);
    }

    @Test
    void eachTestGetsItsOwnEmptyBucket(TestBucket first, TestBucket second) {
        first.put("only-in-first", new byte[] {1});
        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(second.keys("")).isEmpty();
    }

    @Test
    void closingStopsTheProcess() {
        S3Proxy own = S3Proxy.builder().build().start();
        ProcessHandle jvm = ProcessHandle.of(own.pid()).orElseThrow();
        own.close();
        assertThat(jvm.isAlive()).isFalse();
    }

    @Test
    void flinkPropertiesPointAtTheEmulator(S3Proxy proxy) {
        assertThat(proxy.flinkS3Properties())
                .containsEntry("s3.endpoint", proxy.endpoint().toString())
                .containsEntry("s3.path.style.access", "true");
    }
}
