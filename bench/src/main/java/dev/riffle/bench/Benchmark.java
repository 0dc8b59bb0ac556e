package dev.riffle.bench;

/**
 * One benchmark: measures Riffle and a baseline doing the same work in the same run, and reports
 * one {@link BenchResult}. Implementations are registered in {@code
 * META-INF/services/dev.riffle.bench.Benchmark} and run by {@code bench/run [NAME]}.
 *
 * <p>Benchmarks measure; they never assert. Run each side for long enough to be past JIT warm-up,
 * and alternate or repeat the sides so that neither profits from running second.
 */
public interface Benchmark {

    /**
     * The name {@code bench/run NAME} selects and the BENCH line starts with, e.g.
     * "kinesis-source".
     */
    String name();

    /** Runs both sides and returns the measured result. */
    BenchResult run() throws Exception;
}
