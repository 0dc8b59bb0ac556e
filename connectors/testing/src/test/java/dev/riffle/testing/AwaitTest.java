package dev.riffle.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void returnsTheFirstValueThatSatisfiesTheCondition() {
        AtomicInteger calls = new AtomicInteger();
        int value =
                Await.until(Duration.ofSeconds(5), calls::incrementAndGet, v -> v >= 3, "three");
        assertThat(value).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void failsWithWhatWasAwaitedAndTheLastValueSeen() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), () -> 7, v -> v > 10, "v > 10"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Timed out after PT0.05S waiting for v > 10 (last value: 7)");
    }

    @Test
    void treatsProbeExceptionsAsNotYetAndReportsTheLastOne() {
        AtomicInteger calls = new AtomicInteger();
        String value =
                Await.until(
                        Duration.ofSeconds(5),
                        () -> {
                            if (calls.incrementAndGet() < 3) {
                                throw new IllegalStateException("starting");
                            }
                            return "up";
                        },
                        "up"::equals,
                        "service");
        assertThat(value).isEqualTo("up");

        assertThatThrownBy(
                        () ->
                                Await.until(
                                        Duration.ofMillis(30),
                                        () -> {
                                            throw new IllegalStateException("connection refused");
                                        },
                                        v -> true,
                                        "service"))
                .hasMessageContaining("last attempt failed")
                .hasMessageContaining("connection refused")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
