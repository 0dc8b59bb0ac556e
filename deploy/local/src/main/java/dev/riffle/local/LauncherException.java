package dev.riffle.local;

/**
 * A failure the user can act on: the message says what went wrong and what to do. The launcher
 * prints it without a stack trace and exits with status 1.
 */
final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
