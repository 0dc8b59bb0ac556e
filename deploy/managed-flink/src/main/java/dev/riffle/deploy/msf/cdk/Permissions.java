package dev.riffle.deploy.msf.cdk;

import dev.riffle.deploy.msf.model.AppDescriptor;
import dev.riffle.deploy.msf.model.Suite;

import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege policy of one application, derived from its descriptor and nothing else: read
 * actions on the streams it reads, write actions on the streams it writes, object actions under its
 * lake prefixes, its own code object and log stream, and the KMS uses those imply. No action is a
 * wildcard; the only wildcard resources are those AWS forces (see {@link #WILDCARD_RESOURCES}).
 */
public final class Permissions {

    /** Stream-level actions of a polling reader (what GetRecords-based sources call). */
    public static final List<String> STREAM_READ =
            List.of(
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                    "kinesis:ListShards");

    /**
     * Stream-level actions an enhanced fan-out reader adds: registering its consumer. Riffle's
     * source never deregisters or lists consumers, so those are not granted.
     */
    public static final List<String> STREAM_EFO = List.of("kinesis:RegisterStreamConsumer");

    /** Consumer-level actions of an enhanced fan-out reader. */
    public static final List<String> CONSUMER_EFO =
            List.of("kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard");

    public static final List<String> STREAM_WRITE =
            List.of("kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords");

    public static final List<String> OBJECT_READ = List.of("s3:GetObject");

    /**
     * Flink's S3 writer uploads in parts, and its recoverable writer keeps and later deletes
     * in-progress objects; reading back is needed to resume after a restore.
     */
    public static final List<String> OBJECT_WRITE =
            List.of(
                    "s3:AbortMultipartUpload",
                    "s3:DeleteObject",
                    "s3:GetObject",
                    "s3:ListMultipartUploadParts",
                    "s3:PutObject");

    /**
     * Resources that contain a wildcard because AWS names them that way, with the reason. Anything
     * else with a {@code *} in it is a mistake.
     */
    public static final Map<String, String> WILDCARD_RESOURCES =
            Map.of(
                    "/consumer/",
                    "An enhanced fan-out consumer ARN ends in its registration timestamp,"
                            + " unknown before the job registers it: consumer/<name>:*",
                    ":s3:::",
                    "Object ARNs under one lake prefix of the application: <bucket>/<prefix>*",
                    ":log-group:*",
                    "logs:DescribeLogGroups has no resource-level scoping beyond the account's"
                            + " log groups; MSF calls it to check the logging option",
                    ":log-stream:*",
                    "logs:DescribeLogStreams on the streams of the application's own log group",
                    ":kinesisvideo:",
                    "A video stream ARN ends in its creation timestamp: stream/<name>/*");

    private Permissions() {}

    /**
     * The statements for {@code app}.
     *
     * @param keyArn the suite's KMS key (streams and buckets are encrypted with it)
     * @param codeKey the S3 key of the application's jar in the code bucket
     * @param logGroup the application's log group name
     * @param logStream the application's log stream name
     */
    public static List<PolicyStatement> of(
            Suite suite,
            AppDescriptor app,
            String keyArn,
            String codeKey,
            String logGroup,
            String logStream) {
        List<PolicyStatement> out = new ArrayList<>();
        String lake = suite.lakeBucketName();
        String code = suite.codeBucketName();

        out.add(
                allow(
                        "ReadApplicationCode",
                        List.of("s3:GetObject", "s3:GetObjectVersion"),
                        List.of(Arns.object(code, codeKey))));
        boolean decrypt = true; // the code object is encrypted with the suite key
        boolean generate = false;

        List<String> readStreams = new ArrayList<>();
        for (AppDescriptor.StreamRead r : app.reads()) {
            readStreams.add(Arns.stream(r.stream()));
        }
        if (!readStreams.isEmpty()) {
            out.add(allow("ReadStreams", STREAM_READ, readStreams));
        }
        List<String> efoStreams = new ArrayList<>();
        List<String> consumers = new ArrayList<>();
        for (AppDescriptor.StreamRead r : app.reads()) {
            if (r.efoConsumer() != null) {
                efoStreams.add(Arns.stream(r.stream()));
                consumers.add(Arns.streamConsumer(r.stream(), r.efoConsumer()));
            }
        }
        if (!efoStreams.isEmpty()) {
            out.add(allow("RegisterFanOutConsumers", STREAM_EFO, efoStreams));
            out.add(allow("ReadThroughFanOutConsumers", CONSUMER_EFO, consumers));
        }
        List<String> writeStreams = new ArrayList<>();
        for (AppDescriptor.StreamWrite w : app.writes()) {
            writeStreams.add(Arns.stream(w.stream()));
        }
        if (!writeStreams.isEmpty()) {
            out.add(allow("WriteStreams", STREAM_WRITE, writeStreams));
            generate = true;
        }

        List<String> readObjects = new ArrayList<>();
        List<String> writeObjects = new ArrayList<>();
        List<String> listPrefixes = new ArrayList<>();
        for (AppDescriptor.S3Access s : app.s3()) {
            listPrefixes.add(s.prefix() + "*");
            if (s.access().writes()) {
                writeObjects.add(Arns.objects(lake, s.prefix()));
                generate = true;
            } else {
                readObjects.add(Arns.objects(lake, s.prefix()));
            }
        }
        if (!listPrefixes.isEmpty()) {
            // Listing is a bucket action; the condition keeps it to the application's prefixes.
            out.add(
                    PolicyStatement.Builder.create()
                            .sid("ListLakePrefixes")
                            .effect(Effect.ALLOW)
                            .actions(List.of("s3:ListBucket"))
                            .resources(List.of(Fn.sub(Arns.bucket(lake))))
                            .conditions(Map.of("StringLike", Map.of("s3:prefix", listPrefixes)))
                            .build());
        }
        if (!writeObjects.isEmpty()) {
            out.add(
                    allow(
                            "ListLakeUploads",
                            List.of("s3:ListBucketMultipartUploads"),
                            List.of(Arns.bucket(lake))));
            out.add(allow("WriteLakePrefixes", OBJECT_WRITE, writeObjects));
        }
        if (!readObjects.isEmpty()) {
            out.add(allow("ReadLakePrefixes", OBJECT_READ, readObjects));
        }

        List<String> videos = new ArrayList<>();
        for (AppDescriptor.VideoStream v : app.videoStreams()) {
            videos.add(Arns.videoStream(v.stream()));
        }
        if (!videos.isEmpty()) {
            out.add(
                    allow(
                            "ReadVideoStreams",
                            List.of(
                                    "kinesisvideo:DescribeStream",
                                    "kinesisvideo:GetDataEndpoint",
                                    "kinesisvideo:GetMedia"),
                            videos));
        }

        List<String> kms = new ArrayList<>();
        if (decrypt) {
            kms.add("kms:Decrypt");
        }
        if (generate) {
            kms.add("kms:GenerateDataKey");
        }
        out.add(
                PolicyStatement.Builder.create()
                        .sid("UseSuiteKey")
                        .effect(Effect.ALLOW)
                        .actions(kms)
                        .resources(List.of(keyArn))
                        .build());

        out.add(
                allow(
                        "WriteApplicationLog",
                        List.of("logs:PutLogEvents"),
                        List.of(Arns.logStream(logGroup, logStream))));
        out.add(
                allow(
                        "DescribeApplicationLogStreams",
                        List.of("logs:DescribeLogStreams"),
                        List.of(Arns.logGroup(logGroup) + ":log-stream:*")));
        out.add(
                allow(
                        "DescribeLogGroups",
                        List.of("logs:DescribeLogGroups"),
                        List.of(Arns.logGroup("*"))));

        for (AppDescriptor.ExtraStatement e : app.extraStatements()) {
            PolicyStatement.Builder b =
                    PolicyStatement.Builder.create()
                            .sid(e.sid())
                            .effect(Effect.ALLOW)
                            .actions(e.actions())
                            .resources(e.resources().stream().map(Permissions::sub).toList());
            if (e.condition() != null) {
                b.conditions(new LinkedHashMap<>(e.condition()));
            }
            out.add(b.build());
        }
        return out;
    }

    private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources.stream().map(Permissions::sub).toList())
                .build();
    }

    private static String sub(String value) {
        return value.contains("${") ? Fn.sub(value) : value;
    }
}
