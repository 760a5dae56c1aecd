package org.imagingtriage.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything a child broker owns on disk, under one directory so that closing the broker can
 * delete it all: its configuration, its KRaft storage and its logs.
 */
record BrokerDataDirectory(Path root) {

    static BrokerDataDirectory createUnder(Path parent) {
        try {
            Files.createDirectories(parent);
            return new BrokerDataDirectory(Files.createTempDirectory(parent, "kafka-broker-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a broker data directory under " + parent, e);
        }
    }

    Path serverProperties() {
        return root.resolve("server.properties");
    }

    Path log4jConfig() {
        return root.resolve("log4j2.xml");
    }

    /** The broker's {@code log.dirs}: partitions and the metadata log. */
    Path kafkaStorage() {
        return root.resolve("storage");
    }

    Path logsDirectory() {
        return root.resolve("logs");
    }

    /** The broker's own log, written by log4j in the child JVM. */
    Path serverLog() {
        return logsDirectory().resolve("server.log");
    }

    /** Whatever the child JVM printed itself, e.g. a crash before logging was set up. */
    Path consoleLog() {
        return logsDirectory().resolve("console.log");
    }

    Path formatLog() {
        return logsDirectory().resolve("storage-format.log");
    }

    /** Writes server.properties and the child's log4j2 configuration, replacing earlier ones. */
    void writeConfiguration(Map<String, String> serverProperties) {
        try {
            Files.createDirectories(logsDirectory());
            Files.createDirectories(kafkaStorage());
            StringBuilder text = new StringBuilder("# Written by triage-devstack for a one-node KRaft broker.\n");
            serverProperties.forEach((key, value) ->
                    text.append(key).append('=').append(escapePropertyValue(value)).append('\n'));
            Files.writeString(serverProperties(), text, StandardCharsets.UTF_8);
            Files.writeString(log4jConfig(), LOG4J_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write broker configuration into " + root, e);
        }
    }

    /** Forgets the broker's storage, so that it can be formatted anew. */
    void wipeStorage() {
        deleteRecursively(kafkaStorage());
    }

    void delete() {
        deleteRecursively(root);
    }

    /** The last lines of a file, or a note saying it is missing, for error messages. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (NoSuchFileException e) {
            return "(" + file + " does not exist)";
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Backslashes start escapes in .properties files; Windows paths must survive them. */
    private static String escapePropertyValue(String value) {
        return value.replace("\\", "\\\\");
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * The log file's location comes from a system property, so the text needs no escaping.
     * log4j's own shutdown hook is off: it would race Kafka's and lose the shutdown's log lines.
     */
    private static final String LOG4J_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN" shutdownHook="disable">
              <Appenders>
                <File name="server" fileName="${sys:kafka.logs.dir}/server.log" append="true">
                  <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c - %msg%n"/>
                </File>
              </Appenders>
              <Loggers>
                <Root level="INFO">
                  <AppenderRef ref="server"/>
                </Root>
              </Loggers>
            </Configuration>
            """;
}
