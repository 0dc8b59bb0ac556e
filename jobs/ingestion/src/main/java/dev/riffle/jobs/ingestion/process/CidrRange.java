package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}. */
@Internal
public final class CidrRange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private CidrRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code a.b.c.d/n} or {@code ipv6/n}; a bare address means a single host.
     *
     * @throws IllegalArgumentException naming the problem if {@code text} is not a CIDR range
     */
    public static CidrRange parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] address = IpAddresses.parse(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a CIDR range: the address part is not an IP literal");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a CIDR range: the prefix length must be 0.." + bits);
            }
        }
        return new CidrRange(t, mask(address, prefix), prefix);
    }

    /** Whether the address (4 or 16 bytes) lies in this range. Families never match each other. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
