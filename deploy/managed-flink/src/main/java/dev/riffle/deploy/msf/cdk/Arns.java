package dev.riffle.deploy.msf.cdk;

import dev.riffle.deploy.msf.model.Placeholders;

/**
 * ARNs of what an application touches, as {@code Fn::Sub} strings with CloudFormation's pseudo
 * parameters, so that a template works in any account and region.
 */
final class Arns {

    private static final String AT = "${AWS::Region}:${AWS::AccountId}";

    private Arns() {}

    static String stream(String name) {
        return Placeholders.streamArn(name);
    }

    /** Every enhanced fan-out consumer registration of {@code consumer} on the stream. */
    static String streamConsumer(String stream, String consumer) {
        // Consumer ARNs end in ":<creation timestamp>", which is unknown until registration.
        return stream(stream) + "/consumer/" + consumer + ":*";
    }

    static String bucket(String bucketName) {
        return "arn:${AWS::Partition}:s3:::" + bucketName;
    }

    /** Every object under {@code prefix} (which ends in '/'). */
    static String objects(String bucketName, String prefix) {
        return bucket(bucketName) + "/" + prefix + "*";
    }

    static String object(String bucketName, String key) {
        return bucket(bucketName) + "/" + key;
    }

    static String logGroup(String name) {
        return "arn:${AWS::Partition}:logs:" + AT + ":log-group:" + name;
    }

    static String logStream(String group, String stream) {
        return logGroup(group) + ":log-stream:" + stream;
    }

    /** Every video stream named {@code name} (KVS ARNs end in a creation timestamp). */
    static String videoStream(String name) {
        return "arn:${AWS::Partition}:kinesisvideo:" + AT + ":stream/" + name + "/*";
    }

    static String application(String name) {
        return "arn:${AWS::Partition}:kinesisanalytics:" + AT + ":application/" + name;
    }
}
