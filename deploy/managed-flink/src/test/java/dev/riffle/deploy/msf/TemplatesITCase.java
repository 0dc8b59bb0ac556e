package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.cdk.ApplicationStack;
import dev.riffle.deploy.msf.cdk.Permissions;
import dev.riffle.deploy.msf.model.AppDescriptor;
import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.deploy.msf.model.Placeholders;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthesizes every stack offline, once for the whole class (jsii starts Node.js once per JVM), and
 * checks per application what MSF and a security review care about: the runtime is Flink 2.2, the
 * runtime properties are exactly the application's file, the policy names every action and resource
 * (wildcards only where AWS requires them, listed in {@link Permissions#WILDCARD_RESOURCES}), and
 * streams and buckets are encrypted.
 */
class TemplatesITCase {

    private static final String VERSION = "9.9.9";

    /** Resources that may be exactly "*", with the reason. None is needed today. */
    private static final Map<String, String> STAR_RESOURCE_ACTIONS = Map.of();

    private static final Map<String, Synthesized> SYNTHESIZED = new LinkedHashMap<>();

    private record Synthesized(Deployment deployment, Map<String, Map<String, Object>> templates) {}

    @TempDir static Path out;

    @BeforeAll
    static void synthesizeEverything() {
        long start = System.nanoTime();
        for (Deployment deployment : Deployments.all()) {
            App cdk =
                    App.Builder.create()
                            .outdir(out.resolve(deployment.suite().lakeBucketPrefix()).toString())
                            .build();
            Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
            for (Stack stack : RiffleMsfApp.build(cdk, deployment, VERSION)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> json =
                        (Map<String, Object>) Intrinsics.render(Template.fromStack(stack).toJSON());
                templates.put(stack.getStackName(), json);
            }
            cdk.synth();
            SYNTHESIZED.put(deployment.dir().toString(), new Synthesized(deployment, templates));
        }
        System.out.printf(
                "Synthesized %d stacks in %d ms%n",
                SYNTHESIZED.values().stream().mapToInt(s -> s.templates().size()).sum(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void writesOneTemplatePerStackForCloudFormation() {
        for (Synthesized s : SYNTHESIZED.values()) {
            Path dir = out.resolve(s.deployment().suite().lakeBucketPrefix());
            for (String stack : s.templates().keySet()) {
                assertThat(dir.resolve(stack + ".template.json")).exists();
            }
            assertThat(s.templates())
                    .containsKey(RiffleMsfApp.DATA_STACK)
                    .hasSize(1 + s.deployment().apps().size());
        }
    }

    @Test
    void everyStreamAndBucketIsEncryptedAndBucketsArePrivateAndTlsOnly() {
        for (Synthesized s : SYNTHESIZED.values()) {
            Map<String, Map<String, Object>> resources =
                    resources(s.templates().get(RiffleMsfApp.DATA_STACK));
            List<Map<String, Object>> streams = ofType(resources, "AWS::Kinesis::Stream");
            assertThat(streams)
                    .extracting(r -> props(r).get("Name"))
                    .containsExactlyInAnyOrderElementsOf(
                            s.deployment().suite().streams().stream()
                                    .map(x -> (Object) x.name())
                                    .toList());
            for (Map<String, Object> stream : streams) {
                Map<String, Object> encryption = map(props(stream).get("StreamEncryption"));
                assertThat(encryption.get("EncryptionType")).isEqualTo("KMS");
                assertThat(encryption.get("KeyId").toString()).contains("Key");
            }

            List<Map<String, Object>> buckets = ofType(resources, "AWS::S3::Bucket");
            assertThat(buckets).hasSize(2);
            for (Map<String, Object> bucket : buckets) {
                Map<String, Object> p = props(bucket);
                Object sse =
                        ((List<?>)
                                        map(p.get("BucketEncryption"))
                                                .get("ServerSideEncryptionConfiguration"))
                                .get(0);
                assertThat(map(map(sse).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"))
                        .isEqualTo("aws:kms");
                assertThat(map(p.get("PublicAccessBlockConfiguration")).values())
                        .containsOnly(true)
                        .hasSize(4);
            }
            List<Map<String, Object>> policies = ofType(resources, "AWS::S3::BucketPolicy");
            assertThat(policies).hasSize(2);
            for (Map<String, Object> policy : policies) {
                assertThat(String.valueOf(props(policy).get("PolicyDocument")))
                        .contains("Effect=Deny")
                        .contains("aws:SecureTransport=false");
            }
            assertThat(ofType(resources, "AWS::KMS::Key"))
                    .singleElement()
                    .satisfies(k -> assertThat(props(k).get("EnableKeyRotation")).isEqualTo(true));
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyApplication() {
        List<DynamicContainer> containers = new ArrayList<>();
        for (Synthesized s : SYNTHESIZED.values()) {
            for (Deployment.App app : s.deployment().apps()) {
                Map<String, Map<String, Object>> resources =
                        resources(s.templates().get(RiffleMsfApp.APP_STACK_PREFIX + app.name()));
                containers.add(
                        DynamicContainer.dynamicContainer(
                                app.name(),
                                Stream.of(
                                        DynamicTest.dynamicTest(
                                                "runs Flink 2.2 with its properties",
                                                () -> application(s.deployment(), app, resources)),
                                        DynamicTest.dynamicTest(
                                                "least-privilege policy",
                                                () -> policy(s.deployment(), app, resources)),
                                        DynamicTest.dynamicTest(
                                                "logs and alarms",
                                                () -> logsAndAlarms(app, resources)))));
            }
        }
        return containers.stream();
    }

    private static void application(
            Deployment deployment, Deployment.App app, Map<String, Map<String, Object>> resources) {
        Map<String, Object> p =
                props(ofType(resources, "AWS::KinesisAnalyticsV2::Application").get(0));
        assertThat(p.get("RuntimeEnvironment"))
                .isEqualTo(ApplicationStack.RUNTIME)
                .isEqualTo("FLINK-2_2");
        assertThat(p.get("ApplicationName")).isEqualTo(app.name());
        Map<String, Object> config = map(p.get("ApplicationConfiguration"));

        // The runtime properties are the file, group for group and value for value.
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (Object g : (List<?>) map(config.get("EnvironmentProperties")).get("PropertyGroups")) {
            Map<String, String> values = new LinkedHashMap<>();
            map(map(g).get("PropertyMap")).forEach((k, v) -> values.put(k, String.valueOf(v)));
            groups.put(String.valueOf(map(g).get("PropertyGroupId")), values);
        }
        assertThat(groups).isEqualTo(app.properties().groups());

        Map<String, Object> code =
                map(
                        map(map(config.get("ApplicationCodeConfiguration")).get("CodeContent"))
                                .get("S3ContentLocation"));
        assertThat(code.get("FileKey"))
                .isEqualTo("jobs/" + app.descriptor().artifact() + "-" + VERSION + ".jar");
        assertThat(code.get("BucketARN"))
                .isEqualTo("arn:${AWS::Partition}:s3:::" + deployment.suite().codeBucketName());

        Map<String, Object> flink = map(config.get("FlinkApplicationConfiguration"));
        AppDescriptor.Scaling scaling = app.descriptor().scaling();
        assertThat(map(flink.get("ParallelismConfiguration")))
                .containsEntry("ConfigurationType", "CUSTOM")
                .containsEntry("Parallelism", scaling.parallelism())
                .containsEntry("ParallelismPerKPU", scaling.parallelismPerKpu())
                .containsEntry("AutoScalingEnabled", scaling.autoScaling());
        assertThat(map(flink.get("CheckpointConfiguration")))
                .containsEntry("CheckpointingEnabled", true)
                .containsEntry(
                        "CheckpointInterval",
                        (int) app.descriptor().checkpoints().intervalMillis());
        assertThat(map(config.get("ApplicationSnapshotConfiguration")))
                .containsEntry("SnapshotsEnabled", true);
        assertThat(map(map(p.get("RunConfiguration")).get("ApplicationRestoreConfiguration")))
                .containsEntry("ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT");
    }

    private static void policy(
            Deployment deployment, Deployment.App app, Map<String, Map<String, Object>> resources) {
        List<Map<String, Object>> policies = ofType(resources, "AWS::IAM::Policy");
        assertThat(policies).as("one policy per application").hasSize(1);
        Map<String, List<String>> bySid = new LinkedHashMap<>();
        for (Object st :
                (List<?>) map(props(policies.get(0)).get("PolicyDocument")).get("Statement")) {
            Map<String, Object> statement = map(st);
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            List<String> actions = Intrinsics.strings(statement.get("Action"));
            List<String> resourcesOf = Intrinsics.strings(statement.get("Resource"));
            for (String action : actions) {
                assertThat(action).as("action of %s", statement.get("Sid")).doesNotContain("*");
            }
            for (String resource : resourcesOf) {
                if (resource.equals("*")) {
                    assertThat(actions)
                            .as(
                                    "'*' resource for %s: allowed only for %s",
                                    actions, STAR_RESOURCE_ACTIONS)
                            .allMatch(STAR_RESOURCE_ACTIONS::containsKey);
                } else if (resource.contains("*")) {
                    assertThat(Permissions.WILDCARD_RESOURCES.keySet())
                            .as("wildcard resource %s of %s", resource, statement.get("Sid"))
                            .anyMatch(resource::contains);
                    assertThat(resource).as("wildcards only at the end").endsWith("*");
                }
            }
            bySid.put(String.valueOf(statement.get("Sid")), resourcesOf);
        }
        AppDescriptor d = app.descriptor();
        // Streams: read permissions exactly on what it reads, write permissions on what it writes.
        assertThat(bySid.getOrDefault("ReadStreams", List.of()))
                .containsExactlyInAnyOrderElementsOf(
                        d.reads().stream().map(r -> Placeholders.streamArn(r.stream())).toList());
        assertThat(bySid.getOrDefault("WriteStreams", List.of()))
                .containsExactlyInAnyOrderElementsOf(
                        d.writes().stream().map(w -> Placeholders.streamArn(w.stream())).toList());
        assertThat(bySid.get("ReadApplicationCode"))
                .containsExactly(
                        "arn:${AWS::Partition}:s3:::"
                                + deployment.suite().codeBucketName()
                                + "/jobs/"
                                + d.artifact()
                                + "-"
                                + VERSION
                                + ".jar");
        assertThat(bySid.get("UseSuiteKey")).containsExactly("${Import:riffle-data-KeyArn}");
        List<String> granted = new ArrayList<>();
        bySid.forEach((sid, rs) -> granted.addAll(rs));
        for (String resource : granted) {
            if (resource.contains(":kinesis:")) {
                assertThat(resource)
                        .satisfiesAnyOf(
                                r ->
                                        assertThat(d.reads())
                                                .anyMatch(
                                                        x ->
                                                                r.startsWith(
                                                                        Placeholders.streamArn(
                                                                                x.stream()))),
                                r ->
                                        assertThat(d.writes())
                                                .anyMatch(
                                                        x ->
                                                                r.equals(
                                                                        Placeholders.streamArn(
                                                                                x.stream()))));
            }
        }
        // MSF may assume the role only for this application in this account.
        Map<String, Object> role = props(ofType(resources, "AWS::IAM::Role").get(0));
        String trust = String.valueOf(role.get("AssumeRolePolicyDocument"));
        assertThat(trust)
                .contains("kinesisanalytics.amazonaws.com")
                .contains("aws:SourceAccount")
                .contains("application/" + app.name());
    }

    private static void logsAndAlarms(
            Deployment.App app, Map<String, Map<String, Object>> resources) {
        assertThat(ofType(resources, "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption"))
                .hasSize(1);
        assertThat(ofType(resources, "AWS::Logs::LogStream")).hasSize(1);
        List<String> alarms =
                ofType(resources, "AWS::CloudWatch::Alarm").stream()
                        .map(a -> String.valueOf(props(a).get("AlarmName")))
                        .toList();
        List<String> expected =
                new ArrayList<>(
                        List.of(
                                app.name() + "-downtime",
                                app.name() + "-restarts",
                                app.name() + "-millis-behind-latest"));
        app.descriptor().reads().forEach(r -> expected.add(app.name() + "-lag-" + r.stream()));
        assertThat(alarms).containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> alarm : ofType(resources, "AWS::CloudWatch::Alarm")) {
            assertThat(String.valueOf(props(alarm).get("AlarmActions"))).contains("AlarmTopicArn");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) template.get("Resources");
    }

    private static List<Map<String, Object>> ofType(
            Map<String, Map<String, Object>> resources, String type) {
        return resources.values().stream().filter(r -> type.equals(r.get("Type"))).toList();
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
