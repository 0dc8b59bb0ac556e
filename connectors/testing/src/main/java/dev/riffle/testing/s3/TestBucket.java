package dev.riffle.testing.s3;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.stream.Collectors;

/** A bucket created for one test, with plain-SDK helpers to check what was written into it. */
public final class TestBucket {
    private final S3Client client;
    private final String name;

    public TestBucket(S3Client client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code s3://<bucket>/} */
    public String uri() {
        return "s3://" + name + "/";
    }

    public void put(String key, byte[] bytes) {
        client.putObject(r -> r.bucket(name).key(key), RequestBody.fromBytes(bytes));
    }

    public byte[] get(String key) {
        return client.getObjectAsBytes(r -> r.bucket(name).key(key)).asByteArray();
    }

    /** Every object key under {@code prefix}, sorted. */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "TestBucket[" + name + "]";
    }
}
