package dev.riffle.common.config;

import dev.riffle.common.config.internal.ConfigArgs;
import dev.riffle.common.config.internal.MsfApplicationProperties;
import dev.riffle.common.config.internal.PropertyGroupsJson;
import dev.riffle.common.config.internal.RawConfig;
import dev.riffle.common.config.internal.SchemaValidator;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, reads and checks a job's configuration. Call it once, first thing in {@code main()}:
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     JobConfig config =
 *             JobConfigLoader.builder(IngestionJob.SCHEMA)
 *                     .defaultResource("ingestion-local.json")
 *                     .build()
 *                     .load(args);
 *     ...
 * }
 * }</pre>
 *
 * <p>Where the configuration comes from, first match wins:
 *
 * <ol>
 *   <li>{@code --config /path/to/file.json} or {@code --config classpath:name.json} in {@code
 *       args}: what {@code flink run job.jar --config ...} passes on a local cluster;
 *   <li>Managed Service for Apache Flink's runtime properties, when {@value #MSF_PROPERTIES_FILE}
 *       exists (MSF writes it for the application);
 *   <li>the job's {@linkplain Builder#defaultResource default classpath resource}, for tests and
 *       the IDE.
 * </ol>
 *
 * <p>Otherwise loading fails with a message that names all three ways. MSF is recognised by its
 * properties file, not by {@code env instanceof LocalStreamEnvironment} as in the MSF examples:
 * that check also holds under {@code flink run} on a local cluster, which then never reads its
 * file.
 *
 * <p>Every mode has the same shape (MSF application properties: a JSON array of {@code
 * {"PropertyGroupId": ..., "PropertyMap": {...}}}) and the same checks. All problems are reported
 * together in one {@link InvalidConfigurationException}. The loaded configuration is logged once at
 * INFO, secrets masked.
 *
 * <p>Job configuration never sets checkpointing, the state backend or parallelism: MSF owns them
 * (see {@link ConfigSchema}).
 */
@PublicEvolving
public final class JobConfigLoader {

    /** Where MSF writes an application's runtime properties. */
    public static final String MSF_PROPERTIES_FILE = "/etc/flink/application_properties.json";

    /**
     * System property that moves where MSF's properties file is looked for. Only for starting a job
     * the way MSF does without being on MSF (tests that run a job's {@code main()} with an
     * MSF-shaped file); on MSF it is never set and {@value #MSF_PROPERTIES_FILE} is read.
     */
    public static final String MSF_PROPERTIES_FILE_PROPERTY = "riffle.msf.properties-file";

    /** Prefix of a {@code --config} value that names a classpath resource. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private static final Logger LOG = LoggerFactory.getLogger(JobConfigLoader.class);

    private static final String SHAPE =
            "Every way takes the same shape, MSF's application properties: a JSON array of"
                    + " {\"PropertyGroupId\": \"<group>\", \"PropertyMap\": {\"<key>\":"
                    + " \"<value>\"}}.";

    private final ConfigSchema schema;
    private final String defaultResource;
    private final Path msfPropertiesFile;
    private final ClassLoader classLoader;

    private JobConfigLoader(Builder builder) {
        this.schema = builder.schema;
        this.defaultResource = builder.defaultResource;
        this.msfPropertiesFile = builder.msfPropertiesFile;
        this.classLoader = builder.classLoader;
    }

    /** Starts a loader for a job with the given schema. */
    public static Builder builder(ConfigSchema schema) {
        return new Builder(schema);
    }

    /**
     * Loads the configuration for a job started with {@code args} (arguments other than {@code
     * --config} are ignored).
     *
     * @throws InvalidConfigurationException listing every problem found
     */
    public JobConfig load(String[] args) {
        Preconditions.checkNotNull(args, "args");
        Optional<String> explicit = ConfigArgs.location(args);
        ConfigSource source;
        RawConfig raw;
        if (explicit.isPresent()) {
            String location = explicit.get();
            if (Files.exists(msfPropertiesFile)) {
                LOG.info(
                        "Using {} {}; the MSF application properties in {} are not read.",
                        ConfigArgs.FLAG,
                        location,
                        msfPropertiesFile);
            }
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String resource = location.substring(CLASSPATH_PREFIX.length());
                source = ConfigSource.classpath(stripSlash(resource), false);
                raw = readResource(source, "(from " + ConfigArgs.FLAG + " " + location + ")");
            } else {
                Path file = Path.of(location).toAbsolutePath().normalize();
                source = ConfigSource.file(file.toString());
                raw = readFile(file, source, location);
            }
        } else if (Files.exists(msfPropertiesFile)) {
            source = ConfigSource.msf(msfPropertiesFile.toString());
            raw = MsfApplicationProperties.read(msfPropertiesFile, source.toString());
        } else if (defaultResource != null && classLoader.getResource(defaultResource) != null) {
            source = ConfigSource.classpath(defaultResource, true);
            raw = readResource(source, "");
        } else {
            throw new InvalidConfigurationException(noConfiguration());
        }
        List<String> problems = new ArrayList<>(raw.problems());
        problems.addAll(SchemaValidator.validate(schema, raw.groups()));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(source, problems);
        }
        JobConfig config = new JobConfig(schema, source, raw.groups());
        LOG.info("Loaded {}", config);
        return config;
    }

    private RawConfig readFile(Path file, ConfigSource source, String given) {
        String from = String.format("(from %s %s)", ConfigArgs.FLAG, given);
        if (!Files.exists(file)) {
            throw new InvalidConfigurationException(
                    String.format(
                            "Configuration file %s %s does not exist. Pass the path of a JSON file"
                                    + " of property groups, for example %s /path/to/%s.json",
                            file, from, ConfigArgs.FLAG, schema.jobName()));
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationException(
                    String.format("Configuration file %s %s is not a regular file", file, from));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return PropertyGroupsJson.parse(in, source.toString());
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    String.format("Could not read configuration file %s %s: %s", file, from, e), e);
        }
    }

    private RawConfig readResource(ConfigSource source, String from) {
        String resource = source.location();
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            throw new InvalidConfigurationException(
                    String.format(
                            "Classpath resource '%s' %s was not found by the job's class loader."
                                    + " Check its name, or pass a file instead: %s"
                                    + " /path/to/file.json",
                            resource, from, ConfigArgs.FLAG));
        }
        try (InputStream stream = in) {
            return PropertyGroupsJson.parse(stream, source.toString());
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    String.format("Could not read %s: %s", source, e), e);
        }
    }

    private String noConfiguration() {
        String job = schema.jobName();
        String classpath =
                defaultResource == null
                        ? String.format("pass %s classpath:<resource>.json", ConfigArgs.FLAG)
                        : String.format(
                                "put the job's default resource '%s' on the classpath, or pass %s"
                                        + " classpath:<resource>.json",
                                defaultResource, ConfigArgs.FLAG);
        return String.join(
                System.lineSeparator(),
                String.format(
                        "No configuration found for job '%s'. Provide it in one of three ways:",
                        job),
                String.format(
                        "- on Managed Service for Apache Flink: define the application's runtime"
                                + " properties (property groups); MSF writes them to %s, which"
                                + " does not exist here",
                        msfPropertiesFile),
                String.format(
                        "- on a local cluster: pass %s /path/to/%s.json after the job jar (flink"
                                + " run <job>.jar %s /path/to/%s.json)",
                        ConfigArgs.FLAG, job, ConfigArgs.FLAG, job),
                "- in tests or the IDE: " + classpath,
                SHAPE);
    }

    private static String stripSlash(String resource) {
        return resource.startsWith("/") ? resource.substring(1) : resource;
    }

    /** Builds a {@link JobConfigLoader}. */
    @PublicEvolving
    public static final class Builder {
        private final ConfigSchema schema;
        private String defaultResource;
        private Path msfPropertiesFile =
                Path.of(System.getProperty(MSF_PROPERTIES_FILE_PROPERTY, MSF_PROPERTIES_FILE));
        private ClassLoader classLoader;

        private Builder(ConfigSchema schema) {
            this.schema = Preconditions.checkNotNull(schema, "schema");
        }

        /**
         * The classpath resource read when neither {@code --config} nor MSF supplies the
         * configuration, for tests and runs from the IDE. Optional.
         */
        public Builder defaultResource(String resource) {
            Preconditions.checkArgument(
                    resource != null && !resource.isBlank(), "A resource name must not be blank");
            this.defaultResource = stripSlash(resource);
            return this;
        }

        /**
         * Where MSF's properties file is looked for; tests point it at a temporary file. Defaults
         * to the system property {@value #MSF_PROPERTIES_FILE_PROPERTY} if set, else {@value
         * #MSF_PROPERTIES_FILE}.
         */
        public Builder msfPropertiesFile(Path file) {
            this.msfPropertiesFile = Preconditions.checkNotNull(file, "file");
            return this;
        }

        /** The class loader for classpath resources; by default the thread's context loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Preconditions.checkNotNull(classLoader, "classLoader");
            return this;
        }

        public JobConfigLoader build() {
            if (classLoader == null) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                classLoader = context != null ? context : JobConfigLoader.class.getClassLoader();
            }
            return new JobConfigLoader(this);
        }
    }
}
