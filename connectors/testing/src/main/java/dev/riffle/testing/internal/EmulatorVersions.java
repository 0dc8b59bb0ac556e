package dev.riffle.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The emulator versions this library was built and tested with (from Maven, at build time). */
public final class EmulatorVersions {
    private static final Properties VERSIONS = load();

    private EmulatorVersions() {}

    public static String kinesisMock() {
        return VERSIONS.getProperty("kinesis-mock.version");
    }

    public static String kinesisMockPackage() {
        return VERSIONS.getProperty("kinesis-mock.npm-package");
    }

    public static String s3proxy() {
        return VERSIONS.getProperty("s3proxy.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in =
                EmulatorVersions.class.getResourceAsStream(
                        "/dev/riffle/testing/emulators.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "dev/riffle/testing/emulators.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
