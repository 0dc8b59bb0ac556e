package dev.riffle.deploy.msf.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything to deploy, read from a directory ({@code deploy/managed-flink}): {@code suite.json}
 * and one folder per application under {@code apps/}, each with {@code application.json} and {@code
 * application_properties.json}. {@link #load} checks it all and reports every problem at once:
 * unknown streams, properties that do not point where the descriptor says, an ARN or S3 path in the
 * properties that no permission covers, placeholders CloudFormation cannot fill in.
 */
public final class Deployment {

    public static final String SUITE_FILE = "suite.json";
    public static final String APPS_DIR = "apps";
    public static final String DESCRIPTOR_FILE = "application.json";
    public static final String PROPERTIES_FILE = "application_properties.json";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern KINESIS_ARN =
            Pattern.compile("arn:[^:]+:kinesis:[^:]+:[^:]+:stream/([A-Za-z0-9_.-]+)");
    private static final Pattern S3_URI = Pattern.compile("s3a?://([^/]+)/(.*)");
    private static final String READER_TYPE = "source.reader.type";
    private static final String EFO_CONSUMER = "source.efo.consumer.name";
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Path dir;
    private final Suite suite;
    private final List<App> apps;

    private Deployment(Path dir, Suite suite, List<App> apps) {
        this.dir = dir;
        this.suite = suite;
        this.apps = List.copyOf(apps);
    }

    /**
     * One application: its descriptor, its runtime properties and its folder.
     *
     * @param dir the folder
     * @param descriptor {@code application.json}
     * @param properties {@code application_properties.json}
     */
    public record App(Path dir, AppDescriptor descriptor, PropertyGroups properties) {
        public String name() {
            return descriptor.application();
        }
    }

    /**
     * Reads and checks {@code dir}.
     *
     * @throws InvalidDeploymentException listing every problem
     */
    public static Deployment load(Path dir) {
        List<String> problems = new ArrayList<>();
        Suite suite = read(dir.resolve(SUITE_FILE), Suite.class, problems);
        List<App> apps = new ArrayList<>();
        Path appsDir = dir.resolve(APPS_DIR);
        if (Files.isDirectory(appsDir)) {
            try (Stream<Path> folders = Files.list(appsDir)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    AppDescriptor descriptor =
                            read(folder.resolve(DESCRIPTOR_FILE), AppDescriptor.class, problems);
                    PropertyGroups properties =
                            PropertyGroups.read(folder.resolve(PROPERTIES_FILE), problems);
                    if (descriptor != null) {
                        apps.add(new App(folder, descriptor, properties));
                    }
                }
            } catch (IOException e) {
                problems.add("Cannot list " + appsDir + ": " + e);
            }
        }
        if (suite != null) {
            checkSuite(suite, problems);
            Set<String> names = new HashSet<>();
            for (App app : apps) {
                if (!names.add(app.name())) {
                    problems.add("Two applications are named '" + app.name() + "'");
                }
                check(suite, app, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeploymentException(dir, problems);
        }
        return new Deployment(dir, suite, apps);
    }

    public Path dir() {
        return dir;
    }

    public Suite suite() {
        return suite;
    }

    public List<App> apps() {
        return apps;
    }

    public Optional<App> app(String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static <T> T read(Path file, Class<T> type, List<String> problems) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (MismatchedInputException e) {
            problems.add(String.format("%s: %s", file, e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(String.format("%s: cannot be read: %s", file, e.getMessage()));
        }
        return null;
    }

    private static void checkSuite(Suite suite, List<String> problems) {
        if (!Set.of(7, 14, 30, 90, 365).contains(suite.logRetentionDays())) {
            problems.add(
                    String.format(
                            "suite.json: logRetentionDays is %d; accepted: 7, 14, 30, 90, 365",
                            suite.logRetentionDays()));
        }
        Set<String> names = new HashSet<>();
        for (Suite.StreamSpec s : suite.streams()) {
            if (!names.add(s.name())) {
                problems.add("suite.json: stream '" + s.name() + "' is declared twice");
            }
            if (s.shards() != null && (s.shards() < 1 || s.shards() > 500)) {
                problems.add(
                        String.format(
                                "suite.json: stream '%s' has %d shards; accepted: 1 to 500, or no"
                                        + " 'shards' for on-demand",
                                s.name(), s.shards()));
            }
            if (s.retentionHours() < 24 || s.retentionHours() > 8760) {
                problems.add(
                        String.format(
                                "suite.json: stream '%s' keeps records %d hours; accepted: 24 to"
                                        + " 8760",
                                s.name(), s.retentionHours()));
            }
        }
    }

    private static void check(Suite suite, App app, List<String> problems) {
        AppDescriptor d = app.descriptor();
        String where = app.dir().resolve(DESCRIPTOR_FILE).toString();
        if (!APP_NAME.matcher(d.application()).matches()) {
            problems.add(
                    where + ": application name '" + d.application() + "' is not valid for MSF");
        }
        if (!app.dir().getFileName().toString().equals(d.application())) {
            problems.add(
                    String.format(
                            "%s: the folder must be named after the application '%s'",
                            where, d.application()));
        }
        AppDescriptor.Scaling scaling = d.scaling();
        if (scaling.parallelism() < 1
                || scaling.parallelismPerKpu() < 1
                || scaling.parallelismPerKpu() > 8) {
            problems.add(
                    where
                            + ": scaling needs parallelism >= 1 and parallelismPerKpu from 1 to 8"
                            + " (MSF's limits)");
        }
        if (d.checkpoints().intervalMillis() < 1000) {
            problems.add(where + ": checkpoints.intervalMillis must be at least 1000");
        }
        Set<String> covered = new HashSet<>();
        for (AppDescriptor.StreamRead r : d.reads()) {
            checkStream(suite, app, r.stream(), r.property(), problems);
            checkReader(app, r, problems);
            covered.add(r.stream());
        }
        for (AppDescriptor.StreamWrite w : d.writes()) {
            checkStream(suite, app, w.stream(), w.property(), problems);
            covered.add(w.stream());
        }
        Set<String> prefixes = new HashSet<>();
        for (AppDescriptor.S3Access s : d.s3()) {
            if (!s.prefix().endsWith("/")
                    || s.prefix().startsWith("/")
                    || s.prefix().contains("*")) {
                problems.add(
                        String.format(
                                "%s: S3 prefix '%s' must end with '/', not start with '/', and"
                                        + " hold no '*'",
                                where, s.prefix()));
            }
            prefixes.add(s.prefix());
            String expected = "s3://" + suite.lakeBucketName() + "/" + s.prefix();
            Optional<String> value = app.properties().value(s.property());
            if (value.isEmpty()) {
                problems.add(missing(app, s.property(), "S3 prefix " + s.prefix()));
            } else if (!value.get().replaceFirst("^s3a://", "s3://").startsWith(expected)) {
                problems.add(
                        String.format(
                                "%s: %s is '%s' but the descriptor grants %s only under %s",
                                propertiesFile(app),
                                s.property(),
                                value.get(),
                                s.access(),
                                expected));
            }
        }
        for (AppDescriptor.ExtraStatement e : d.extraStatements()) {
            for (String action : e.actions()) {
                if (action.contains("*")) {
                    problems.add(
                            String.format(
                                    "%s: statement %s grants '%s'; name each action, no wildcards",
                                    where, e.sid(), action));
                }
            }
            if (e.reason().isBlank()) {
                problems.add(where + ": statement " + e.sid() + " needs a reason");
            }
        }
        // Every AWS resource the properties point at must be covered by a permission above.
        app.properties()
                .groups()
                .forEach(
                        (group, values) ->
                                values.forEach(
                                        (key, value) -> {
                                            for (String unknown : Placeholders.unknown(value)) {
                                                problems.add(
                                                        String.format(
                                                                "%s: %s.%s uses %s; allowed"
                                                                        + " placeholders: %s",
                                                                propertiesFile(app),
                                                                group,
                                                                key,
                                                                unknown,
                                                                Placeholders.ALLOWED));
                                            }
                                            Matcher arn = KINESIS_ARN.matcher(value);
                                            while (arn.find()) {
                                                if (!covered.contains(arn.group(1))) {
                                                    problems.add(
                                                            String.format(
                                                                    "%s: %s.%s points at stream"
                                                                            + " '%s', which the"
                                                                            + " descriptor neither"
                                                                            + " reads nor writes",
                                                                    propertiesFile(app),
                                                                    group,
                                                                    key,
                                                                    arn.group(1)));
                                                }
                                            }
                                            Matcher s3 = S3_URI.matcher(value);
                                            if (s3.matches()
                                                    && prefixes.stream()
                                                            .noneMatch(
                                                                    p ->
                                                                            s3.group(1)
                                                                                            .equals(
                                                                                                    suite
                                                                                                            .lakeBucketName())
                                                                                    && s3.group(2)
                                                                                            .startsWith(
                                                                                                    p))) {
                                                problems.add(
                                                        String.format(
                                                                "%s: %s.%s points at %s, which no"
                                                                        + " S3 entry of the"
                                                                        + " descriptor covers",
                                                                propertiesFile(app),
                                                                group,
                                                                key,
                                                                value));
                                            }
                                        }));
    }

    private static void checkStream(
            Suite suite, App app, String stream, String property, List<String> problems) {
        if (suite.stream(stream).isEmpty()) {
            problems.add(
                    String.format(
                            "%s: stream '%s' is not declared in suite.json",
                            app.dir().resolve(DESCRIPTOR_FILE), stream));
            return;
        }
        Optional<String> value = app.properties().value(property);
        if (value.isEmpty()) {
            problems.add(missing(app, property, "stream " + stream));
        } else if (!value.get().equals(Placeholders.streamArn(stream))
                && !value.get().equals(stream)) {
            problems.add(
                    String.format(
                            "%s: %s is '%s'; the descriptor says it holds stream '%s': expected"
                                    + " '%s' (or the bare name)",
                            propertiesFile(app),
                            property,
                            value.get(),
                            stream,
                            Placeholders.streamArn(stream)));
        }
    }

    /**
     * When the source's own group says how it reads (the Kinesis source's {@code
     * source.reader.type} and {@code source.efo.consumer.name}), the descriptor must grant that: a
     * consumer the role may not use fails at run time with AccessDenied.
     */
    private static void checkReader(App app, AppDescriptor.StreamRead r, List<String> problems) {
        int dot = r.property().indexOf('.');
        if (dot < 0) {
            return;
        }
        String group = r.property().substring(0, dot);
        Optional<String> type = app.properties().value(group + "." + READER_TYPE);
        if (type.isEmpty()) {
            return; // not a Kinesis source group (e.g. SQL variables): nothing to compare
        }
        boolean efo = type.get().trim().equalsIgnoreCase("EFO");
        Optional<String> consumer = app.properties().value(group + "." + EFO_CONSUMER);
        if (efo && !consumer.equals(Optional.ofNullable(r.efoConsumer()))) {
            problems.add(
                    String.format(
                            "%s: %s reads stream '%s' through enhanced fan-out consumer '%s' but"
                                    + " the descriptor grants consumer '%s' (efoConsumer)",
                            propertiesFile(app),
                            group,
                            r.stream(),
                            consumer.orElse("(unset)"),
                            r.efoConsumer()));
        }
        if (!efo && r.efoConsumer() != null) {
            problems.add(
                    String.format(
                            "%s: %s polls stream '%s' (%s = %s) but the descriptor grants the"
                                    + " enhanced fan-out consumer '%s': remove efoConsumer",
                            propertiesFile(app),
                            group,
                            r.stream(),
                            READER_TYPE,
                            type.get(),
                            r.efoConsumer()));
        }
    }

    private static String missing(App app, String property, String what) {
        return String.format(
                "%s: the descriptor names %s for %s, but the properties do not set it",
                propertiesFile(app), property, what);
    }

    private static Path propertiesFile(App app) {
        return app.dir().resolve(PROPERTIES_FILE);
    }

    /** A deployment directory with problems; the message lists all of them. */
    public static final class InvalidDeploymentException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidDeploymentException(Path dir, List<String> problems) {
            super(
                    String.format(
                            "Deployment in %s has %d problem%s:%n- %s",
                            dir,
                            problems.size(),
                            problems.size() == 1 ? "" : "s",
                            String.join(System.lineSeparator() + "- ", problems)));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
