package dev.riffle.connector.kinesis.source.testutil;

import dev.riffle.connector.kinesis.source.config.internal.SourceSettings;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Source settings for the fake stream. */
public final class Settings {
    private Settings() {}

    public static SourceSettings of(String... keyValues) {
        Map<String, String> c = new HashMap<>();
        c.put("stream.arn", FakeKinesis.STREAM_ARN);
        c.put("source.init.position", "TRIM_HORIZON");
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put(keyValues[i], keyValues[i + 1]);
        }
        return SourceSettings.from(c, Instant.ofEpochMilli(1_700_000_000_000L));
    }
}
