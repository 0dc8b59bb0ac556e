package dev.riffle.deploy.msf.cdk;

import dev.riffle.deploy.msf.model.Suite;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * What the applications share, deployed first: one customer-managed KMS key (rotated yearly) that
 * encrypts every stream, both buckets and the alarm topic; the pipeline's Kinesis streams; the lake
 * bucket and the code bucket (versioned, so an older jar stays available for a roll-back); the
 * alarm topic. Buckets block public access and refuse plain HTTP. Everything that holds data is
 * retained when the stack is deleted.
 */
public final class DataStack extends Stack {

    /** Export name suffixes; the full name is {@code <stack name>-<suffix>}. */
    public static final String KEY_ARN = "KeyArn";

    public static final String ALARM_TOPIC_ARN = "AlarmTopicArn";

    public DataStack(Construct scope, String id, Suite suite, StackProps props) {
        super(scope, id, props);
        Key key =
                Key.Builder.create(this, "Key")
                        .description("Riffle: encrypts the streams, lake, code and alarm topic")
                        .enableKeyRotation(true)
                        .alias("alias/" + id)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        // CloudWatch alarms publish to the encrypted topic, so CloudWatch needs the key too.
        key.grant(
                new ServicePrincipal("cloudwatch.amazonaws.com"),
                "kms:Decrypt",
                "kms:GenerateDataKey*");

        for (Suite.StreamSpec spec : suite.streams()) {
            Stream.Builder stream =
                    Stream.Builder.create(this, "Stream-" + spec.name())
                            .streamName(spec.name())
                            .encryption(StreamEncryption.KMS)
                            .encryptionKey(key)
                            .retentionPeriod(Duration.hours(spec.retentionHours()))
                            .removalPolicy(RemovalPolicy.RETAIN);
            if (spec.onDemand()) {
                stream.streamMode(StreamMode.ON_DEMAND);
            } else {
                stream.streamMode(StreamMode.PROVISIONED).shardCount(spec.shards());
            }
            stream.build();
        }

        bucket("LakeBucket", suite.lakeBucketName(), key, false);
        bucket("CodeBucket", suite.codeBucketName(), key, true);

        Topic alarms =
                Topic.Builder.create(this, "AlarmTopic")
                        .displayName("Riffle alarms")
                        .masterKey(key)
                        .enforceSsl(true)
                        .build();

        export(KEY_ARN, key.getKeyArn(), "ARN of the suite's KMS key");
        export(ALARM_TOPIC_ARN, alarms.getTopicArn(), "SNS topic every alarm notifies");
    }

    private void bucket(String id, String name, Key key, boolean versioned) {
        Bucket.Builder.create(this, id)
                .bucketName(Fn.sub(name))
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(versioned)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private void export(String suffix, String value, String description) {
        CfnOutput.Builder.create(this, suffix)
                .value(value)
                .description(description)
                .exportName(getStackName() + "-" + suffix)
                .build();
    }
}
