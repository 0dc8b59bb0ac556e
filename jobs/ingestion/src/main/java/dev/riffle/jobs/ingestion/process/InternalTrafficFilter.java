package dev.riffle.jobs.ingestion.process;

import dev.riffle.common.event.Event;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Recognizes internal and test traffic that must not reach the events stream: events of test
 * accounts (user or device ids listed exactly, or starting with a listed prefix) and events from
 * internal networks (client IP in a listed CIDR range).
 */
@Internal
public final class InternalTrafficFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Filter reason: the user or device is a test account. */
    public static final String TEST_ACCOUNT = "test_account";

    /** Filter reason: the client IP is in an internal range. */
    public static final String INTERNAL_IP = "internal_ip";

    private final Set<String> testAccountIds;
    private final List<String> testAccountPrefixes;
    private final List<CidrRange> internalRanges;

    public InternalTrafficFilter(
            Set<String> testAccountIds,
            List<String> testAccountPrefixes,
            List<CidrRange> internalRanges) {
        this.testAccountIds = Set.copyOf(testAccountIds);
        this.testAccountPrefixes = List.copyOf(testAccountPrefixes);
        this.internalRanges = List.copyOf(internalRanges);
    }

    /**
     * Why {@code event} is internal traffic ({@link #TEST_ACCOUNT} or {@link #INTERNAL_IP}), or
     * {@code null} if it is not.
     *
     * @param ip the parsed client address, or {@code null}
     */
    public String reason(Event event, byte[] ip) {
        if (isTestAccount(event.userId) || isTestAccount(event.deviceId)) {
            return TEST_ACCOUNT;
        }
        if (ip != null) {
            for (CidrRange r : internalRanges) {
                if (r.contains(ip)) {
                    return INTERNAL_IP;
                }
            }
        }
        return null;
    }

    private boolean isTestAccount(String id) {
        if (id == null) {
            return false;
        }
        if (testAccountIds.contains(id)) {
            return true;
        }
        for (String p : testAccountPrefixes) {
            if (id.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
