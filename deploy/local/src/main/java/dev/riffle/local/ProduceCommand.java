package dev.riffle.local;

import dev.riffle.testdata.GeneratorMain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code riffle produce [generator options...]}: the traffic generator ({@code
 * dev.riffle.testdata.GeneratorMain}) against the local kinesis-mock. Without {@code --stream} or
 * {@code --out} it writes to {@value #DEFAULT_STREAM}; {@code --endpoint} and {@code --region}
 * default to the launcher's kinesis-mock and region. Every other option passes through unchanged.
 * Needs no cluster, only kinesis-mock (or nothing at all with {@code --out}).
 */
final class ProduceCommand {
    static final String DEFAULT_STREAM = "raw-events";

    private final Layout layout;
    private final PrintStream out;
    private final PrintStream err;

    ProduceCommand(Layout layout, PrintStream out, PrintStream err) {
        this.layout = layout;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Settings settings = Settings.load(layout);
        List<String> generatorArgs = arguments(args, settings);
        if (writesToLocalKinesis(generatorArgs, settings)
                && Ports.isFree(settings.port(Settings.KINESIS_PORT))) {
            throw new LauncherException(
                    "kinesis-mock is not running on port "
                            + settings.port(Settings.KINESIS_PORT)
                            + ": start it with `deploy/local/riffle up` (or write to a file with"
                            + " --out FILE).");
        }
        if (!generatorArgs.contains("--help")) {
            out.println("riffle: producing with " + String.join(" ", generatorArgs));
        }
        try {
            return GeneratorMain.run(generatorArgs.toArray(new String[0]), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while producing.", e);
        } catch (Exception e) {
            throw new LauncherException("The generator failed: " + e, e);
        }
    }

    /** The user's options, completed with the local stream, endpoint and region. */
    static List<String> arguments(List<String> args, Settings settings) {
        List<String> full = new ArrayList<>(args);
        if (args.contains("--help")) {
            return full;
        }
        if (!args.contains("--stream") && !args.contains("--out")) {
            full.add("--stream");
            full.add(DEFAULT_STREAM);
        }
        if (full.contains("--stream")) {
            if (!args.contains("--endpoint")) {
                full.add("--endpoint");
                full.add(localEndpoint(settings));
            }
            if (!args.contains("--region")) {
                full.add("--region");
                full.add(settings.get(Settings.AWS_REGION));
            }
        }
        return full;
    }

    private static boolean writesToLocalKinesis(List<String> args, Settings settings) {
        int endpoint = args.indexOf("--endpoint");
        return args.contains("--stream")
                && endpoint >= 0
                && endpoint + 1 < args.size()
                && args.get(endpoint + 1).equals(localEndpoint(settings));
    }

    private static String localEndpoint(Settings settings) {
        return "http://127.0.0.1:" + settings.port(Settings.KINESIS_PORT);
    }
}
