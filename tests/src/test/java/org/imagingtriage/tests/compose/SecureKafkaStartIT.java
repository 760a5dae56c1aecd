package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagingtriage.devstack.BuildLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secure override's Kafka start ({@code compose/kafka/secure-start.sh}) as the container runs
 * it, with the kafka service's own environment from {@code docker-compose config} and the users
 * {@code secure/make-certs.sh} writes, against Kafka's real storage tool (this build's Kafka, on the
 * broker classpath devstack resolves) instead of the image's. The image's own start is replaced by
 * a marker, as there is no Docker engine to run it.
 */
class SecureKafkaStartIT {

    @TempDir
    Path workspace;

    @Test
    void formatsTheStorageWithEveryScramUserThenStartsTheImageAndKeepsTheUsersOnRestart() throws Exception {
        // given: the key material, a storage tool and an image start of our own, the service's environment
        Map<String, String> envExample = ComposeFileIT.envExample();
        Path secrets = Files.createDirectories(workspace.resolve("secrets"));
        ComposeScripts.makeCertificates(secrets, envExample);
        Path started = workspace.resolve("image-started");
        Path storageTool = script("kafka-storage.sh", "exec java -cp \"$(cat "
                + BuildLayout.fromBuild().kafkaBrokerClasspathFile() + ")\" kafka.tools.StorageTool \"$@\"");
        Path imageStart = script("run", "echo started > " + started);
        Path logDirs = workspace.resolve("data");
        Map<String, String> environment = new HashMap<>(ComposeProject.environment(
                ComposeProject.resolve("sim", "docker-compose.yml", "docker-compose.secure.yml").service("kafka")));
        environment.put("KAFKA_LOG_DIRS", logDirs.toString());
        environment.put("SECURE_START_STORAGE_TOOL", storageTool.toString());
        environment.put("SECURE_START_SECRETS_DIR", secrets.toString());
        environment.put("SECURE_START_IMAGE_RUN", imageStart.toString());
        List<String> command = List.of("bash", ComposeProject.COMPOSE.resolve("kafka/secure-start.sh").toString());

        // when
        ComposeScripts.Result first = ComposeScripts.run(command, environment);

        // then: formatted for this cluster, with one SCRAM-SHA-512 credential per user, then the image's start
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(logDirs.resolve("meta.properties")).content().contains("cluster.id=" + envExample.get("KAFKA_CLUSTER_ID"));
        assertThat(logDirs.resolve("bootstrap.checkpoint")).exists();
        for (String user : List.of("broker", "admin", "pipeline", "registry")) {
            assertThat(first.output()).contains("UserScramCredentialRecord(name='" + user + "', mechanism=2");
        }
        assertThat(first.output()).doesNotContain(envExample.get("KAFKA_PIPELINE_PASSWORD"));
        assertThat(started).exists();

        // and when the container starts again on the same volume
        Files.delete(started);
        ComposeScripts.Result second = ComposeScripts.run(command, environment);

        // then the storage, and so the users, are kept
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("already formatted");
        assertThat(started).exists();
    }

    private Path script(String name, String body) throws Exception {
        Path script = workspace.resolve(name);
        Files.writeString(script, "#!/usr/bin/env bash\n" + body + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }
}
