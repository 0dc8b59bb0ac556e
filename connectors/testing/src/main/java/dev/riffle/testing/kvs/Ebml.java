package dev.riffle.testing.kvs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Just enough EBML writing for Matroska test files: element ids, sizes and the value types MKV
 * uses. Sizes are written in 8 bytes (valid EBML, and what KVS producers emit), and masters can be
 * written with the "unknown size" marker that GetMedia uses for segments and clusters.
 */
final class Ebml {
    static final long UNKNOWN_SIZE = -1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    Ebml uint(int id, long value) {
        int len = 1;
        while (len < 8 && (value >>> (8 * len)) != 0) {
            len++;
        }
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[len - 1 - i] = (byte) (value >>> (8 * i));
        }
        return bytes(id, b);
    }

    Ebml string(int id, String value) {
        return bytes(id, value.getBytes(StandardCharsets.UTF_8));
    }

    Ebml floating(int id, double value) {
        return bytes(id, ByteBuffer.allocate(8).putDouble(value).array());
    }

    Ebml bytes(int id, byte[] value) {
        id(id);
        size(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A master element whose children are already written into {@code body}. */
    Ebml master(int id, Ebml body) {
        return bytes(id, body.toByteArray());
    }

    /** The header of a master element of unknown size; its children follow. */
    Ebml openUnknownSize(int id) {
        id(id);
        size(UNKNOWN_SIZE);
        return this;
    }

    Ebml raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private void id(int id) {
        // Element ids carry their own length marker: write the significant bytes as they are.
        int len =
                (id & 0xFF000000) != 0 ? 4 : (id & 0xFF0000) != 0 ? 3 : (id & 0xFF00) != 0 ? 2 : 1;
        for (int i = len - 1; i >= 0; i--) {
            out.write((id >>> (8 * i)) & 0xFF);
        }
    }

    private void size(long size) {
        if (size == UNKNOWN_SIZE) {
            out.write(0x01);
            for (int i = 0; i < 7; i++) {
                out.write(0xFF);
            }
            return;
        }
        out.write(0x01);
        for (int i = 6; i >= 0; i--) {
            out.write((int) ((size >>> (8 * i)) & 0xFF));
        }
    }

    /** Matroska element ids used by the writer. */
    static final class Id {
        static final int EBML = 0x1A45DFA3;
        static final int EBML_VERSION = 0x4286;
        static final int EBML_READ_VERSION = 0x42F7;
        static final int EBML_MAX_ID_LENGTH = 0x42F2;
        static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
        static final int DOC_TYPE = 0x4282;
        static final int DOC_TYPE_VERSION = 0x4287;
        static final int DOC_TYPE_READ_VERSION = 0x4285;
        static final int SEGMENT = 0x18538067;
        static final int INFO = 0x1549A966;
        static final int TIMECODE_SCALE = 0x2AD7B1;
        static final int MUXING_APP = 0x4D80;
        static final int WRITING_APP = 0x5741;
        static final int TRACKS = 0x1654AE6B;
        static final int TRACK_ENTRY = 0xAE;
        static final int TRACK_NUMBER = 0xD7;
        static final int TRACK_UID = 0x73C5;
        static final int TRACK_TYPE = 0x83;
        static final int CODEC_ID = 0x86;
        static final int DEFAULT_DURATION = 0x23E383;
        static final int NAME = 0x536E;
        static final int VIDEO = 0xE0;
        static final int PIXEL_WIDTH = 0xB0;
        static final int PIXEL_HEIGHT = 0xBA;
        static final int AUDIO = 0xE1;
        static final int SAMPLING_FREQUENCY = 0xB5;
        static final int CHANNELS = 0x9F;
        static final int TAGS = 0x1254C367;
        static final int TAG = 0x7373;
        static final int SIMPLE_TAG = 0x67C8;
        static final int TAG_NAME = 0x45A3;
        static final int TAG_STRING = 0x4487;
        static final int CLUSTER = 0x1F43B675;
        static final int TIMECODE = 0xE7;
        static final int SIMPLE_BLOCK = 0xA3;

        private Id() {}
    }
}
