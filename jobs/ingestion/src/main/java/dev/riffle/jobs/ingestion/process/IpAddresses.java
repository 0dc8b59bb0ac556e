package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever asking DNS (InetAddress.getByName would, for names). */
@Internal
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * The 4 (IPv4) or 16 (IPv6) bytes of an address literal, or {@code null} if {@code s} is not
     * one.
     */
    public static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseV4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
            if (!ok) {
                return null; // zone ids, brackets, names: not an address literal for us
            }
        }
        try {
            // With a ':' and only hex digits, dots and colons, the JDK parses a literal and
            // throws instead of resolving (see InetAddress.getAllByName).
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Same as {@link #parse} as an {@link InetAddress}, or {@code null}. */
    public static InetAddress toInetAddress(byte[] address) {
        try {
            return address == null ? null : InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255 || digits > 3) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
