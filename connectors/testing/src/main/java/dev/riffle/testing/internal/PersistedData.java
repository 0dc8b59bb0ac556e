package dev.riffle.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * kinesis-mock's data file across a stop. kinesis-mock rewrites the whole file (a JSON array of
 * streams) once per persist interval, truncating it first; a stop that lands while it writes leaves
 * the file cut off or empty, and the next start then exits while loading it ({@code
 * java.util.NoSuchElementException}). So a stop first keeps a copy of the file as it is when
 * complete, and puts that copy back if the stop cut the file off: the emulator restarts with the
 * data of its last complete write, at most one persist interval old, which is what a stop between
 * two writes gives anyway.
 */
public final class PersistedData {
    private final Path file;
    private final Path copy;

    public PersistedData(Path file, Path copy) {
        this.file = file;
        this.copy = copy;
    }

    /**
     * Copies the file if it is complete now; returns whether it did, or true if there is no file
     * yet (nothing to keep).
     */
    public boolean keepCopyIfComplete() {
        try {
            if (!Files.isRegularFile(file)) {
                return true;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!isCompleteJson(bytes)) {
                return false;
            }
            Files.write(copy, bytes);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file, e);
        }
    }

    /**
     * Puts the kept copy back if the file is cut off (after the process has stopped); returns
     * whether it did.
     */
    public boolean restoreIfCutOff() {
        try {
            if (!Files.isRegularFile(copy)
                    || (Files.isRegularFile(file) && isCompleteJson(Files.readAllBytes(file)))) {
                return false;
            }
            Files.copy(copy, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore " + file, e);
        }
    }

    /**
     * Whether {@code json} is one whole JSON array or object: it starts with a bracket and its
     * brackets, outside strings, close exactly at its end. A file cut off while being written fails
     * this; it is not a full JSON validation.
     */
    static boolean isCompleteJson(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8).strip();
        if (s.isEmpty() || (s.charAt(0) != '[' && s.charAt(0) != '{')) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0 && i != s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0 && !inString;
    }
}
