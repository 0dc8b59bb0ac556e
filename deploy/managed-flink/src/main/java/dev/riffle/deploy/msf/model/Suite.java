package dev.riffle.deploy.msf.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * What every application shares ({@code suite.json}): the Kinesis streams of the pipeline and the
 * buckets for the lake and for application code. Names are final AWS names; bucket names get the
 * account id and region appended so that they are unique.
 *
 * @param streams every stream of the pipeline
 * @param lakeBucketPrefix the lake bucket's name before {@code -<account>-<region>}
 * @param codeBucketPrefix the code bucket's name before {@code -<account>-<region>}
 * @param logRetentionDays how long application logs are kept
 */
public record Suite(
        @JsonProperty(value = "streams", required = true) List<StreamSpec> streams,
        @JsonProperty(value = "lakeBucketPrefix", required = true) String lakeBucketPrefix,
        @JsonProperty(value = "codeBucketPrefix", required = true) String codeBucketPrefix,
        @JsonProperty(value = "logRetentionDays", required = true) int logRetentionDays) {

    /** The stream named {@code name}, if the suite declares it. */
    public Optional<StreamSpec> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The lake bucket's name as a CloudFormation {@code Fn::Sub} string. */
    public String lakeBucketName() {
        return Placeholders.bucketName(lakeBucketPrefix);
    }

    /** The code bucket's name as a CloudFormation {@code Fn::Sub} string. */
    public String codeBucketName() {
        return Placeholders.bucketName(codeBucketPrefix);
    }

    /**
     * One Kinesis data stream.
     *
     * @param name the stream's name
     * @param shards provisioned shards, or null for on-demand capacity
     * @param retentionHours how long records are kept (24 to 8760)
     * @param description what flows through it
     */
    public record StreamSpec(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty("shards") Integer shards,
            @JsonProperty(value = "retentionHours", required = true) int retentionHours,
            @JsonProperty(value = "description", required = true) String description) {

        /** The stream's ARN as a CloudFormation {@code Fn::Sub} string. */
        public String arn() {
            return Placeholders.streamArn(name);
        }

        public boolean onDemand() {
            return shards == null;
        }
    }
}
