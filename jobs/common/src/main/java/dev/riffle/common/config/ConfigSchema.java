package dev.riffle.common.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a job reads from its configuration: its property groups and their options. One schema
 * per job, declared once next to its options classes.
 *
 * <pre>{@code
 * static final ConfigSchema SCHEMA =
 *         ConfigSchema.builder("ingestion")
 *                 .group(GroupSpec.builder("kinesis-source")
 *                         .description("The stream the job reads raw events from.")
 *                         .required(KinesisSourceOptions.STREAM_ARN)
 *                         .build())
 *                 .group(GroupSpec.builder("dead-letters").optional()
 *                         .description("Where records that cannot be processed go.")
 *                         .required(DeadLetterOptions.STREAM_ARN)
 *                         .build())
 *                 .build();
 * }</pre>
 *
 * <p>Declare only what the job itself decides. Checkpointing, the state backend and parallelism
 * belong to Managed Service for Apache Flink (and to the local cluster's {@code config.yaml}); a
 * job that set them would override what the operator configured.
 *
 * <p>{@link ConfigSchemaMarkdown} renders a schema as the README's configuration table.
 */
@PublicEvolving
public final class ConfigSchema {

    private final String jobName;
    private final List<GroupSpec> groups;

    private ConfigSchema(String jobName, List<GroupSpec> groups) {
        this.jobName = jobName;
        this.groups = List.copyOf(groups);
    }

    /** Starts a schema for the job named {@code jobName} (used in messages). */
    public static Builder builder(String jobName) {
        return new Builder(jobName);
    }

    public String jobName() {
        return jobName;
    }

    /** The groups in declaration order. */
    public List<GroupSpec> groups() {
        return groups;
    }

    /** The declared group that {@code groupId} belongs to (directly, or as a repeated instance). */
    public Optional<GroupSpec> groupFor(String groupId) {
        return groups.stream().filter(g -> g.matches(groupId)).findFirst();
    }

    /**
     * Every key as {@code group.key} ({@code InputStream<n>.key} for repeated groups), in
     * declaration order: what a README must list.
     */
    public List<String> qualifiedKeys() {
        List<String> keys = new ArrayList<>();
        groups.forEach(g -> g.keys().forEach(k -> keys.add(g.displayId() + "." + k)));
        return keys;
    }

    @Override
    public String toString() {
        return "ConfigSchema{" + jobName + ", " + groups + "}";
    }

    /** Builds a {@link ConfigSchema}; {@link #build()} checks that group ids do not collide. */
    @PublicEvolving
    public static final class Builder {
        private final String jobName;
        private final List<GroupSpec> groups = new ArrayList<>();

        private Builder(String jobName) {
            Preconditions.checkArgument(
                    jobName != null && !jobName.isBlank(), "A job name must not be blank");
            this.jobName = jobName;
        }

        public Builder group(GroupSpec group) {
            groups.add(Preconditions.checkNotNull(group, "group"));
            return this;
        }

        public ConfigSchema build() {
            Preconditions.checkArgument(
                    !groups.isEmpty(), "Schema of job '%s' declares no property group", jobName);
            for (int i = 0; i < groups.size(); i++) {
                for (int j = 0; j < i; j++) {
                    GroupSpec a = groups.get(j);
                    GroupSpec b = groups.get(i);
                    Preconditions.checkArgument(
                            !collide(a, b) && !collide(b, a),
                            "Property groups %s and %s of job '%s' overlap",
                            a.displayId(),
                            b.displayId(),
                            jobName);
                }
            }
            return new ConfigSchema(jobName, groups);
        }

        /** Whether an id of {@code a} could also be an id of {@code b}. */
        private static boolean collide(GroupSpec a, GroupSpec b) {
            return b.matches(a.isRepeated() ? a.id() + "0" : a.id()) || a.id().equals(b.id());
        }
    }
}
