package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void writtenServerPropertiesReadBackUnchanged() throws Exception {
        // given: a Windows-style path, whose backslashes .properties files treat as escapes
        BrokerDataDirectory data = BrokerDataDirectory.createUnder(parent);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("node.id", "1");
        props.put("log.dirs", "C:\\kafka\\storage");
        props.put("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");

        // when
        data.writeConfiguration(props);

        // then
        Properties readBack = new Properties();
        try (Reader reader = Files.newBufferedReader(data.serverProperties())) {
            readBack.load(reader);
        }
        assertThat(readBack).containsExactlyInAnyOrderEntriesOf(props);
        assertThat(data.log4jConfig()).content().contains("${sys:kafka.logs.dir}/server.log");
        assertThat(data.kafkaStorage()).isDirectory();
    }

    @Test
    void tailReturnsTheLastLinesOrSaysTheFileIsMissing() throws Exception {
        // given
        Path log = parent.resolve("server.log");
        Files.writeString(log, "one\ntwo\nthree\nfour\n");

        // when / then
        assertThat(BrokerDataDirectory.tail(log, 2)).isEqualTo("three\nfour");
        assertThat(BrokerDataDirectory.tail(parent.resolve("absent.log"), 2)).contains("does not exist");
    }

    @Test
    void deleteRemovesEverything() throws Exception {
        // given
        BrokerDataDirectory data = BrokerDataDirectory.createUnder(parent);
        data.writeConfiguration(Map.of("node.id", "1"));
        Files.writeString(data.serverLog(), "log line\n");

        // when
        data.delete();

        // then
        assertThat(parent).isEmptyDirectory();
    }
}
