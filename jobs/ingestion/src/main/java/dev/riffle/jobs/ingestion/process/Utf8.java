package dev.riffle.jobs.ingestion.process;

import org.apache.flink.annotation.Internal;

/**
 * Strict UTF-8 validation of raw bytes (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF). A JSON parser would trip over some invalid sequences but not all, and would report
 * them as a JSON error; checking first lets the dead letter say what is really wrong.
 */
@Internal
public final class Utf8 {
    private Utf8() {}

    /**
     * Returns the offset of the first byte that is not part of a valid UTF-8 sequence, or -1 if all
     * of {@code b} is valid.
     */
    public static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) { // ASCII, the common case
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= n) {
                return i;
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
