package dev.riffle.testing;

import dev.riffle.testing.kinesis.KinesisMock;
import dev.riffle.testing.s3.S3Proxy;

/**
 * Run in a separate JVM by {@link NoOrphansITCase}: starts both emulators, prints their pids, and
 * waits to be killed.
 */
public final class OrphanProbe {
    private OrphanProbe() {}

    public static void main(String[] args) throws Exception {
        KinesisMock kinesis = KinesisMock.builder().build().start();
        S3Proxy s3 = S3Proxy.builder().build().start();
        System.out.println("pids " + kinesis.pid() + " " + s3.pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
