package org.captionlab.util;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * CaptionLab's logging, configured in code (found by Logback through {@code ServiceLoader}): reading a
 * {@code logback.xml} starts an XML parser and Logback's Joran machinery, a third of a second of every start of
 * the command line. A {@code logback.configurationFile} system property still wins (Joran then reads it).
 *
 * <p>The console shows nothing by default (the CLI prints its own one-line messages; set
 * {@code -Dcaptionlab.console.level=INFO} to see more); the file log {@code <home>/logs/captionlab.log} (home:
 * {@code CAPTIONLAB_HOME}, {@code -Dcaptionlab.home}, else {@code ~/.captionlab}) keeps details, stack traces
 * included, at INFO, in three rolled files of 10 MB.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /** The file log's name inside {@code <home>/logs}. */
    public static final String FILE_NAME = "captionlab.log";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Path dir = logDirectory();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty("captionlab.console.level", "OFF"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, "%d{HH:mm:ss} %-5level %logger{0} - %msg%n%nopex"));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve(FILE_NAME).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("captionlab.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger - %msg%n"));
        file.start();

        for (String noisy : new String[] {"org.nd4j", "org.deeplearning4j", "org.bytedeco"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(file);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code <home>/logs}, home as {@code Settings} resolves it (environment first, then the system property). */
    public static Path logDirectory() {
        String home = System.getenv("CAPTIONLAB_HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("captionlab.home");
        }
        if (home == null || home.isBlank()) {
            home = Path.of(System.getProperty("user.home"), ".captionlab").toString();
        }
        return Path.of(home).resolve("logs");
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(pattern);
        e.start();
        return e;
    }
}
