package dev.riffle.local;

import dev.riffle.connector.kvs.inspect.KvsInspect;

import java.io.PrintStream;
import java.util.List;

/**
 * Entry point of {@code deploy/local/riffle}: a local Flink 2.2 session cluster from Maven
 * artifacts, the emulators the suite's jobs use, job submission and the Flink SQL client.
 *
 * <p>Internal: the command line is the interface, not this class.
 */
public final class Riffle {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: deploy/local/riffle <command> [arguments]",
                    "",
                    "  up                         start kinesis-mock, s3proxy and a Flink session"
                            + " cluster; create the streams",
                    "  down                       stop everything `up` started",
                    "  status                     processes, ports, TaskManagers and job states",
                    "  submit <job> [--config F]  submit jobs/<job>'s jar (or a jar path) with"
                            + " Flink's CLI; F is the",
                    "                             job's local configuration (JSON in MSF"
                            + " property-group shape;",
                    "                             default deploy/local/config/<job>.json)",
                    "  sql <script.sql> [--var name=value]... [--jar JAR]...",
                    "                             run a script in the Flink SQL client against the"
                            + " cluster",
                    "  demo [--duration D] [--rate N] [--down]",
                    "                             up, then the whole pipeline on generated traffic"
                            + " with a live summary;",
                    "                             at the end an HTML report (Ctrl-C stops it)",
                    "  report                     render the last demo's report again",
                    "  logs [name]                last lines of the logs in the state folder",
                    "  produce [options]          generated raw events into kinesis-mock's"
                            + " raw-events (the",
                    "                             generator's options, `produce --help`; needs"
                            + " `up`)",
                    "  kvs-inspect [--frames] FILE.mkv...",
                    "                             one JSON line per KVS fragment of an MKV file or"
                            + " a saved GetMedia response",
                    "  backtest --input DIR --output DIR [--mode default|kda] [--windows FILE]"
                            + " [--parallelism N]",
                    "                             score a folder of timestamp,value CSV series"
                            + " with the anomaly",
                    "                             detector; results in NAB's format (no cluster"
                            + " needed)",
                    "",
                    "State folder: $RIFFLE_STATE_DIR, default .riffle/ in the repository root.");

    private Riffle() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        if (args.get(0).equals("kvs-inspect")) {
            // Needs no cluster, emulator or state folder: it only reads files.
            return KvsInspect.run(rest, out, err);
        }
        try {
            Layout layout = Layout.fromEnvironment();
            return switch (args.get(0)) {
                case "up" -> new UpCommand(layout, out).run();
                case "down" -> new DownCommand(layout, out).run();
                case "status" -> new StatusCommand(layout, out).run();
                case "submit" -> new SubmitCommand(layout, out).run(rest);
                case "sql" -> new SqlCommand(layout, out).run(rest);
                case "demo" -> new DemoCommand(layout, out).run(rest);
                case "report" -> DemoCommand.report(layout, out);
                case "logs" -> new LogsCommand(layout, out).run(rest);
                case "produce" -> new ProduceCommand(layout, out, err).run(rest);
                case "backtest" -> new BacktestCommand(layout, out).run(rest);
                default -> {
                    err.println("riffle: unknown command " + args.get(0) + "\n\n" + USAGE);
                    yield 2;
                }
            };
        } catch (LauncherException e) {
            out.flush();
            err.println("riffle: " + e.getMessage());
            return 1;
        }
    }
}
