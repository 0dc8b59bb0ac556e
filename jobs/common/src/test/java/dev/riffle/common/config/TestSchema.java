package dev.riffle.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;
import java.util.List;

/** A schema shaped like a real job's: required and optional groups, every option type, secrets. */
final class TestSchema {

    enum Position {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    static final ConfigOption<String> STREAM_ARN =
            ConfigOptions.key("stream.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("ARN of the Kinesis stream to read.");
    static final ConfigOption<String> REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("AWS region of the stream.");
    static final ConfigOption<Position> INIT_POSITION =
            ConfigOptions.key("source.init.position")
                    .enumType(Position.class)
                    .defaultValue(Position.LATEST)
                    .withDescription("Where a shard without a checkpoint starts.");
    static final ConfigOption<Integer> MAX_RECORDS =
            ConfigOptions.key("max-records-per-fetch")
                    .intType()
                    .defaultValue(10_000)
                    .withDeprecatedKeys("max-records")
                    .withDescription("Records asked for per GetRecords call.");
    static final ConfigOption<Duration> IDLE_TIMEOUT =
            ConfigOptions.key("idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a shard may stay idle before it stops holding back the"
                                    + " watermark.");
    static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("aws.credentials.provider.basic.secretkey")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Secret access key, for local use only.");

    static final ConfigOption<String> DLQ_STREAM_ARN =
            ConfigOptions.key("stream.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("ARN of the dead-letter stream.");
    static final ConfigOption<Boolean> DLQ_ENABLED =
            ConfigOptions.key("enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Whether rejected records are written out.");
    static final ConfigOption<MemorySize> DLQ_BUFFER =
            ConfigOptions.key("buffer")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1 mb"))
                    .withDescription("Bytes buffered before a flush.");
    static final ConfigOption<String> SIGNING_PHRASE =
            ConfigOptions.key("signing-phrase")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Phrase that signs each dead letter.");

    static final ConfigOption<String> FORMAT =
            ConfigOptions.key("format")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Output format.");
    static final ConfigOption<List<String>> PARTITION_BY =
            ConfigOptions.key("partition-by")
                    .stringType()
                    .asList()
                    .defaultValues("dt", "hr")
                    .withDescription("Columns that name the output folders.");
    static final ConfigOption<List<Long>> SIZES =
            ConfigOptions.key("size-classes")
                    .longType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Upper bounds of the size classes, in bytes.");

    static final ConfigOption<String> INPUT_NAME =
            ConfigOptions.key("name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the input stream.");
    static final ConfigOption<Double> INPUT_WEIGHT =
            ConfigOptions.key("weight")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("Share of the traffic.");

    static final GroupSpec SOURCE =
            GroupSpec.builder("kinesis-source")
                    .description("The stream the job reads.")
                    .option(
                            OptionSpec.required(STREAM_ARN)
                                    .validatedBy(
                                            Validators.pattern(
                                                    "arn:aws:kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+",
                                                    "a stream ARN such as"
                                                        + " 'arn:aws:kinesis:us-east-1:000000000000:stream/events'")))
                    .required(REGION)
                    .optional(INIT_POSITION)
                    .option(
                            OptionSpec.optional(MAX_RECORDS)
                                    .validatedBy(Validators.range(1, 10_000)))
                    .option(
                            OptionSpec.optional(IDLE_TIMEOUT)
                                    .validatedBy(
                                            Validators.range(
                                                    Duration.ofSeconds(1), Duration.ofMinutes(10))))
                    .optional(SECRET_KEY)
                    .build();

    static final GroupSpec DEAD_LETTERS =
            GroupSpec.builder("dead-letters")
                    .optional()
                    .description("Where records that cannot be processed go.")
                    .required(DLQ_STREAM_ARN)
                    .optional(DLQ_ENABLED)
                    .option(
                            OptionSpec.optional(DLQ_BUFFER)
                                    .validatedBy(Validators.atMost(MemorySize.parse("64 mb"))))
                    .option(
                            OptionSpec.optional(SIGNING_PHRASE)
                                    .secret()
                                    .validatedBy(
                                            Validators.check(
                                                    s -> s.length() >= 12,
                                                    "must be at least 12 characters long",
                                                    "a phrase of 12 or more characters")))
                    .build();

    static final GroupSpec OUTPUT =
            GroupSpec.builder("output")
                    .description("How results are written.")
                    .option(
                            OptionSpec.required(FORMAT)
                                    .validatedBy(Validators.oneOf("json", "parquet")))
                    .optional(PARTITION_BY)
                    .optional(SIZES)
                    .build();

    static final GroupSpec INPUTS =
            GroupSpec.builder("InputStream")
                    .repeated()
                    .optional()
                    .description("Further streams to read.")
                    .required(INPUT_NAME)
                    .option(OptionSpec.optional(INPUT_WEIGHT).validatedBy(Validators.atLeast(0.0)))
                    .build();

    static final ConfigSchema SCHEMA =
            ConfigSchema.builder("ingestion")
                    .group(SOURCE)
                    .group(DEAD_LETTERS)
                    .group(OUTPUT)
                    .group(INPUTS)
                    .build();

    /** A valid configuration in MSF's shape; {@code %s} is the stream name. */
    static final String VALID_JSON_TEMPLATE =
            "[\n"
                    + "  {\"PropertyGroupId\": \"kinesis-source\", \"PropertyMap\": {\n"
                    + "    \"stream.arn\": \"arn:aws:kinesis:us-east-1:000000000000:stream/%s\",\n"
                    + "    \"aws.region\": \"us-east-1\",\n"
                    + "    \"source.init.position\": \"trim_horizon\",\n"
                    + "    \"idle-timeout\": \"2 min\"}},\n"
                    + "  {\"PropertyGroupId\": \"output\", \"PropertyMap\": {\"format\":"
                    + " \"parquet\"}}\n"
                    + "]\n";

    static String validJson(String stream) {
        return String.format(VALID_JSON_TEMPLATE, stream);
    }

    private TestSchema() {}
}
