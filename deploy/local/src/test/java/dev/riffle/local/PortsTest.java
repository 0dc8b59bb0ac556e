package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {
    private static final Settings SETTINGS =
            new Settings(Map.of(), Path.of("/state/riffle.properties"));

    @Test
    void aBusyPortIsReportedWithItsHolderAndTheSettingThatMovesIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            long me = ProcessHandle.current().pid();

            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.holder(port))
                    .hasValueSatisfying(h -> assertThat(h).startsWith("pid " + me + " ("));
            assertThatThrownBy(
                            () ->
                                    Ports.requireAllFree(
                                            List.of(
                                                    new Ports.Need(
                                                            port,
                                                            "Flink REST API and web UI",
                                                            "flink.rest.port")),
                                            SETTINGS))
                    .isInstanceOf(LauncherException.class)
                    .hasMessageStartingWith(
                            "cannot start, ports are busy:\n  Port "
                                    + port
                                    + " (Flink REST API and web UI) is in use by pid "
                                    + me
                                    + " (")
                    .hasMessageContaining("move it with `flink.rest.port = <free port>`")
                    .hasMessageEndingWith(
                            "Nothing was started. Stop what holds the port(s), or put the"
                                    + " setting(s) in /state/riffle.properties");
        }
    }

    @Test
    void freePortsPass() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThat(Ports.isFree(port)).isTrue();
        Ports.requireAllFree(List.of(new Ports.Need(port, "test", "test.port")), SETTINGS);
    }
}
