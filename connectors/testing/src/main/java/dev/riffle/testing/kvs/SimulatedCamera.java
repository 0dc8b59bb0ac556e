package dev.riffle.testing.kvs;

import dev.riffle.testing.LocalAws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A camera for the demo: a live Kinesis video stream served by a {@link LocalKvsEndpoint} (a new
 * synthetic fragment every few seconds, stamped with the current time) and, optionally, the
 * Rekognition records a stream processor would write for it, put into a Kinesis stream
 * (kinesis-mock). Runs until stopped.
 *
 * <pre>
 * java -cp ... dev.riffle.testing.kvs.SimulatedCamera \
 *     --port 4570 --stream door --fragment-millis 2000 \
 *     --kinesis-endpoint http://127.0.0.1:4567 --rekognition-stream rekognition-results \
 *     --registry /tmp/riffle-demo/cameras.json
 * </pre>
 *
 * Every fragment gets, in its Rekognition stream, a matched face, an unknown face every third
 * fragment and a PERSON label. {@code --registry FILE} writes a camera registry naming this stream,
 * for the video-enrichment job. {@code --fragments N} stops after N fragments.
 */
public final class SimulatedCamera {
    private SimulatedCamera() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "4570"));
        String name = opts.getOrDefault("stream", "door");
        int fragmentMillis = Integer.parseInt(opts.getOrDefault("fragment-millis", "2000"));
        int fps = Integer.parseInt(opts.getOrDefault("fps", "10"));
        long limit = Long.parseLong(opts.getOrDefault("fragments", "0"));
        String kinesisEndpoint = opts.get("kinesis-endpoint");
        String rekognitionStream = opts.getOrDefault("rekognition-stream", "rekognition-results");

        try (LocalKvsEndpoint kvs = LocalKvsEndpoint.start(Duration.ofSeconds(3), 3, port);
                KinesisClient kinesis = kinesisEndpoint == null ? null : client(kinesisEndpoint)) {
            String arn = kvs.createStream(name);
            if (opts.containsKey("registry")) {
                writeRegistry(Paths.get(opts.get("registry")), arn, name);
            }
            System.out.println(
                    "simulated camera: stream " + arn + " on " + kvs.endpoint() + " (GetMedia)");
            int frameInterval = Math.max(1, 1000 / fps);
            int frames = Math.max(1, fragmentMillis / frameInterval);
            for (long i = 0; limit == 0 || i < limit; i++) {
                long start = System.currentTimeMillis();
                SyntheticFragment fragment =
                        SyntheticVideo.builder()
                                .fragments(1)
                                .framesPerFragment(frames)
                                .frameIntervalMillis(frameInterval)
                                .keyFrameEvery(fps)
                                .firstFragmentIndex(i)
                                .startProducerMillis(start)
                                .build()
                                .fragments()
                                .get(0);
                kvs.append(name, fragment);
                int records = 0;
                if (kinesis != null) {
                    records = putRecords(kinesis, rekognitionStream, arn, fragment, i);
                }
                System.out.println(
                        "fragment "
                                + fragment.fragmentNumber()
                                + " at "
                                + start
                                + (kinesis != null ? ", " + records + " Rekognition records" : ""));
                long sleep = start + fragmentMillis - System.currentTimeMillis();
                if (sleep > 0) {
                    Thread.sleep(sleep); // pacing a live producer, not waiting for a condition
                }
            }
        }
    }

    private static int putRecords(
            KinesisClient kinesis, String stream, String arn, SyntheticFragment f, long i) {
        List<String> records = new ArrayList<>();
        records.add(RekognitionRecords.faceSearch(arn, f, 100, 99.2, "face-alice", "alice"));
        if (i % 3 == 0) {
            records.add(RekognitionRecords.faceSearch(arn, f, 300, 96.5, null, null));
        }
        records.add(RekognitionRecords.label(arn, f, 500, "PERSON", 92.0));
        for (String r : records) {
            kinesis.putRecord(
                    b -> b.streamName(stream).partitionKey(arn).data(SdkBytes.fromUtf8String(r)));
        }
        return records.size();
    }

    private static KinesisClient client(String endpoint) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials())
                .build();
    }

    private static void writeRegistry(Path file, String arn, String name) throws Exception {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(
                file,
                "{\"cameras\":[{\"streamArn\":\""
                        + arn
                        + "\",\"cameraId\":\""
                        + name
                        + "-1\",\"site\":\"demo\",\"location\":\""
                        + name
                        + "\",\"timezone\":\"UTC\",\"owner\":\"riffle-demo\","
                        + "\"retentionDays\":7}]}\n");
        System.out.println("camera registry written to " + file);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "Usage: SimulatedCamera [--port P] [--stream NAME] [--fragment-millis MS]"
                                + " [--fps N] [--fragments N] [--kinesis-endpoint URL]"
                                + " [--rekognition-stream NAME] [--registry FILE]; got "
                                + args[i]);
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
