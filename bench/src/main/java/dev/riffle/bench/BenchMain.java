package dev.riffle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Runs the registered benchmarks: all of them, or the ones named on the command line. Prints one
 * {@code BENCH} line per benchmark on stdout; everything else goes to stderr. Exits non-zero if a
 * named benchmark does not exist or one fails.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) {
        TreeMap<String, Benchmark> all = new TreeMap<>();
        for (Benchmark b : ServiceLoader.load(Benchmark.class)) {
            all.put(b.name(), b);
        }
        List<Benchmark> selected = new ArrayList<>();
        if (args.length == 0) {
            selected.addAll(all.values());
        } else {
            for (String name : args) {
                Benchmark b = all.get(name);
                if (b == null) {
                    System.err.printf("Unknown benchmark '%s'. Known: %s%n", name, all.keySet());
                    System.exit(2);
                }
                selected.add(b);
            }
        }
        int failures = 0;
        for (Benchmark b : selected) {
            System.err.printf("== running %s%n", b.name());
            try {
                System.out.println(b.run().line());
                System.out.flush();
            } catch (Exception e) {
                failures++;
                System.err.printf("Benchmark %s failed: %s%n", b.name(), e);
                e.printStackTrace(System.err);
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
