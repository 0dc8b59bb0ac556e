package dev.riffle.common.msf;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;
import java.util.Set;

/**
 * The Flink configuration keys that application code may set on Managed Service for Apache Flink
 * 2.2. From MSF 2.2 on, setting any other key in code (for example {@code
 * env.enableCheckpointing(...)}, {@code env.setParallelism(...)}, a state backend, a restart
 * strategy) makes the application fail at submission: MSF owns them and sets them on the
 * application (checkpointing, parallelism, KPUs) or through a support case (state backend, memory).
 *
 * <p>Source: AWS documentation "Programmatic Flink configuration properties" (Managed Service for
 * Apache Flink Developer Guide), as read on 2026-11-22. That page lists single keys for pipeline,
 * checkpointing, network and Python settings, and a list of Table API / SQL keys; this class
 * accepts every {@code table.*} key rather than copying that list, so a Table key MSF has not
 * listed yet is not caught here.
 */
@PublicEvolving
public final class MsfProgrammaticConfig {

    /** Keys that are not under a prefix accepted as a whole. */
    public static final Set<String> KEYS =
            Set.of(
                    "execution.runtime-mode",
                    "pipeline.auto-generate-uids",
                    "pipeline.auto-watermark-interval",
                    "pipeline.cached-files",
                    "pipeline.classpaths",
                    "pipeline.closure-cleaner-level",
                    "pipeline.force-avro",
                    "pipeline.force-kryo",
                    "pipeline.generic-types",
                    "pipeline.global-job-parameters",
                    "pipeline.jars",
                    "pipeline.jobvertex-parallelism-overrides",
                    "pipeline.max-parallelism",
                    "pipeline.name",
                    "pipeline.object-reuse",
                    "pipeline.operator-chaining.chain-operators-with-different-max-parallelism",
                    "pipeline.operator-chaining.enabled",
                    "pipeline.serialization-config",
                    "pipeline.vertex-description-mode",
                    "pipeline.vertex-name-include-index-prefix",
                    "pipeline.watermark-alignment.allow-unaligned-source-splits",
                    "execution.checkpointing.interval-during-backlog",
                    "execution.checkpointing.unaligned",
                    "taskmanager.network.adaptive-partitioner.enabled",
                    "taskmanager.network.adaptive-partitioner.max-traverse-size",
                    "python.execution-mode",
                    "python.operator-chaining.enabled",
                    "python.job-options",
                    "python.internal.archives-key-map",
                    "python.internal.files-key-map",
                    "python.internal.requirements-file-key");

    /**
     * Keys Flink's table planner writes into the job configuration of every query it submits
     * (Flink's {@code InternalConfigOptions}). They are not on MSF's page, but no SQL or Table API
     * job could start without them, so they are taken as allowed.
     */
    public static final Set<String> TABLE_PLANNER_INTERNAL_KEYS =
            Set.of(
                    "__table.query-start.epoch-time__",
                    "__table.query-start.local-time__",
                    "__table.query-start.current-catalog__",
                    "__table.query-start.current-database__");

    /** Prefixes accepted as a whole (see the class comment). */
    public static final Set<String> PREFIXES = Set.of("table.");

    private MsfProgrammaticConfig() {}

    /** Whether application code may set {@code key} on MSF 2.2. */
    public static boolean isAllowed(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return KEYS.contains(k)
                || TABLE_PLANNER_INTERNAL_KEYS.contains(k)
                || PREFIXES.stream().anyMatch(k::startsWith);
    }
}
