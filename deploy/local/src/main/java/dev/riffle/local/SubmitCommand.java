package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code riffle submit <job> [--config FILE] [job args...]}: runs Flink's own CLI frontend, {@code
 * flink run -d <jar> [--config FILE]}, against the local cluster. {@code <job>} names a module
 * under jobs/ (its shaded jar in jobs/&lt;job&gt;/target is built if missing) or is a path to a
 * jar. Without {@code --config}, a job module gets {@code deploy/local/config/<job>.json} if there
 * is one. A configuration file with {@code ${name}} placeholders is rendered first, with the same
 * values {@code riffle sql} fills in (endpoints, ports, region, {@code riffle.repo}), into {@code
 * <state>/run/config/}: one file serves every port setting.
 */
final class SubmitCommand {
    private final Layout layout;
    private final PrintStream out;

    SubmitCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            throw new LauncherException(
                    "Usage: riffle submit <job> [--config FILE] [job arguments...]. Jobs: "
                            + jobNames());
        }
        Path jar = jobJar(args.get(0));
        List<String> programArgs = new ArrayList<>();
        Path localConfig = localConfig(args.get(0));
        if (args.stream().noneMatch(a -> a.equals("--config") || a.startsWith("--config="))
                && Files.isRegularFile(localConfig)) {
            out.println("riffle: configuration " + localConfig);
            programArgs.add("--config");
            programArgs.add(configFile(localConfig.toString()));
        }
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config") && i + 1 < args.size()) {
                programArgs.add(arg);
                programArgs.add(configFile(args.get(++i)));
            } else if (arg.startsWith("--config=")) {
                programArgs.add("--config=" + configFile(arg.substring("--config=".length())));
            } else {
                programArgs.add(arg);
            }
        }
        FlinkConfig config = FlinkConfig.read(layout);
        out.println("riffle: submitting " + jar + " to " + config.restUrl());
        List<String> cli = new ArrayList<>(List.of("run", "-d", jar.toString()));
        cli.addAll(programArgs);
        return new FlinkProcesses(layout, config)
                .runClient("client", FlinkProcesses.CLI_MAIN, false, cli);
    }

    /**
     * The job reads its file in the CLI's JVM, whose working directory is the state folder: a path
     * relative to where the user typed the command is made absolute here. {@code classpath:}
     * resources pass unchanged.
     */
    String configFile(String value) {
        if (value.startsWith("classpath:")) {
            return value;
        }
        Path config = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            throw new LauncherException("Configuration file " + config + " does not exist.");
        }
        try {
            String text = Files.readString(config);
            if (!text.contains("${")) {
                return config.toString();
            }
            String rendered =
                    SqlTemplate.render(
                            text, new SqlCommand(layout, out).variables(), config.toString());
            Path target = layout.run().resolve("config").resolve(config.getFileName());
            Files.createDirectories(target.getParent());
            Files.writeString(target, rendered);
            return target.toString();
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    /** deploy/local/config/&lt;job&gt;.json: the job's configuration for the local setup. */
    Path localConfig(String job) {
        return layout.repo().resolve("deploy/local/config").resolve(job + ".json");
    }

    Path jobJar(String job) {
        Path asPath = Path.of(job);
        if (job.endsWith(".jar")) {
            if (!Files.isRegularFile(asPath)) {
                throw new LauncherException(
                        "Job jar " + asPath.toAbsolutePath() + " does not exist.");
            }
            return asPath.toAbsolutePath();
        }
        Path module = layout.repo().resolve("jobs").resolve(job);
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            throw new LauncherException("No job named " + job + ". Jobs: " + jobNames());
        }
        Path target = module.resolve("target");
        return findJar(target)
                .or(
                        () -> {
                            Maven.build(layout, "jobs/" + job, out);
                            return findJar(target);
                        })
                .orElseThrow(
                        () ->
                                new LauncherException(
                                        "jobs/"
                                                + job
                                                + " built no jar in "
                                                + target
                                                + ": does its pom.xml declare the shade-job-jar"
                                                + " execution?"));
    }

    /** The shaded job jar: not the pre-shading original, not sources or tests. */
    static java.util.Optional<Path> findJar(Path target) {
        if (!Files.isDirectory(target)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return n.endsWith(".jar")
                                        && !n.startsWith("original-")
                                        && !n.endsWith("-sources.jar")
                                        && !n.endsWith("-tests.jar")
                                        && !n.endsWith("-javadoc.jar");
                            })
                    .findFirst();
        } catch (IOException e) {
            throw new LauncherException("Cannot list " + target + ": " + e, e);
        }
    }

    private List<String> jobNames() {
        Path jobs = layout.repo().resolve("jobs");
        try (Stream<Path> dirs = Files.list(jobs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("common"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
