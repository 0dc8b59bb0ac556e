package dev.riffle.e2e;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.nio.file.Path;

/**
 * Sends everything logged in this JVM to a file while open: root logger at INFO (Flink, the AWS
 * SDK, Hadoop, s3a), {@code dev.riffle} at DEBUG, with stack traces. Test logging is otherwise off
 * (log4j2-test.properties); closing restores that.
 */
final class LogCapture implements AutoCloseable {
    private static final String NAME = "credentials-capture";

    private final LoggerContext context;
    private final Level rootLevel;
    private final FileAppender appender;

    LogCapture(Path file) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender =
                FileAppender.newBuilder()
                        .setName(NAME)
                        .withFileName(file.toString())
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%d %-5p [%t] %c - %m%n%throwable")
                                        .build())
                        .setConfiguration(config)
                        .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        rootLevel = root.getLevel();
        root.getAppenders().keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.INFO);
        LoggerConfig riffle = new LoggerConfig("dev.riffle", Level.DEBUG, true);
        config.addLogger("dev.riffle", riffle);
        context.updateLoggers();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.removeLogger("dev.riffle");
        config.getRootLogger().removeAppender(NAME);
        config.getRootLogger().setLevel(rootLevel);
        context.updateLoggers();
        appender.stop();
    }
}
