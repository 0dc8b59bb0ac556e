package dev.riffle.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code riffle logs [name]}: the last lines of every log under {@code <state>/log} (or of those
 * matching).
 */
final class LogsCommand {
    private static final int LINES = 30;

    private final Layout layout;
    private final PrintStream out;

    LogsCommand(Layout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    int run(List<String> args) {
        String filter = args.isEmpty() ? "" : args.get(0);
        if (!Files.isDirectory(layout.log())) {
            out.println(
                    "riffle: no logs in " + layout.log() + " (run deploy/local/riffle up first)");
            return 0;
        }
        Path emulators = layout.state().resolve("emulators");
        try (Stream<Path> logs = Files.walk(layout.log(), 1);
                Stream<Path> emulatorLogs =
                        Files.isDirectory(emulators) ? Files.walk(emulators, 2) : Stream.empty()) {
            for (Path file :
                    Stream.concat(logs, emulatorLogs)
                            .filter(Files::isRegularFile)
                            .filter(
                                    f ->
                                            f.getFileName().toString().endsWith(".log")
                                                    || f.getFileName().toString().endsWith(".out"))
                            .filter(f -> f.getFileName().toString().contains(filter))
                            .sorted()
                            .toList()) {
                List<String> lines = Files.readAllLines(file);
                out.println("==> " + file + " <==");
                lines.subList(Math.max(0, lines.size() - LINES), lines.size())
                        .forEach(out::println);
                out.println();
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot read the logs in " + layout.log() + ": " + e, e);
        }
        return 0;
    }
}
