package dev.riffle.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes. Tests use it instead of sleeping: it
 * returns as soon as the condition holds and, when it does not, fails with a message saying what
 * was awaited and what was last seen.
 *
 * <pre>{@code
 * List<String> ids = Await.until(Duration.ofSeconds(30), () -> readIds(stream), ids -> ids.size() == 100,
 *         "100 records in " + stream);
 * }</pre>
 */
public final class Await {
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 250;

    private Await() {}

    /** Waits until {@code condition} is true. */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition::getAsBoolean, ok -> ok, what);
    }

    /**
     * Waits until the value {@code probe} returns satisfies {@code done}, and returns that value.
     * An exception from the probe counts as "not yet" (the service may still be starting); the last
     * one is attached to the failure.
     */
    public static <T> T until(Duration timeout, Callable<T> probe, Predicate<T> done, String what) {
        return until(timeout, probe, done, () -> what);
    }

    /** As {@link #until(Duration, Callable, Predicate, String)} with a lazily built description. */
    public static <T> T until(
            Duration timeout, Callable<T> probe, Predicate<T> done, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what.get(), e);
            }
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        }
        String seen =
                lastError != null ? "last attempt failed: " + lastError : "last value: " + last;
        AssertionError failure =
                new AssertionError(
                        String.format(
                                "Timed out after %s waiting for %s (%s)",
                                timeout, what.get(), seen));
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
