package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The compose stack as Debian's {@code docker-compose config} resolves it (files merged, variables
 * from {@code .env.example} substituted, paths made absolute), for one set of files and one
 * profile. Needs no Docker engine.
 */
final class ComposeProject {

    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path COMPOSE = REPOSITORY.resolve("compose");
    static final Path ENV_EXAMPLE = COMPOSE.resolve(".env.example");
    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");

    private final String profile;
    private final JsonNode resolved;

    private ComposeProject(String profile, JsonNode resolved) {
        this.profile = profile;
        this.resolved = resolved;
    }

    /** Runs {@code docker-compose config} on {@code files} (relative to compose/) with {@code profile} active. */
    static ComposeProject resolve(String profile, String... files) throws IOException, InterruptedException {
        assertThat(DOCKER_COMPOSE).as("Debian's docker-compose package (scripts/test installs it)").isExecutable();
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString(), "--env-file", ENV_EXAMPLE.toString()));
        for (String file : files) {
            command.add("-f");
            command.add(COMPOSE.resolve(file).toString());
        }
        command.addAll(List.of("--profile", profile, "config"));
        Path output = Files.createTempFile("compose-config", ".yml");
        Path errors = Files.createTempFile("compose-config", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(COMPOSE.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            // Only .env.example may supply values: a variable set in the build's shell must not hide a gap.
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("docker-compose config did not finish within 60 s");
            }
            assertThat(process.exitValue()).as("docker-compose config %s --profile %s:%n%s", List.of(files), profile,
                    Files.readString(errors)).isZero();
            return new ComposeProject(profile, new YAMLMapper().readTree(output.toFile()));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    String profile() {
        return profile;
    }

    /** The services this profile starts: those without profiles and those of this profile. */
    Map<String, JsonNode> activeServices() {
        Map<String, JsonNode> active = new LinkedHashMap<>();
        resolved.path("services").fields().forEachRemaining(entry -> {
            JsonNode profiles = entry.getValue().path("profiles");
            boolean inProfile = profiles.isMissingNode() || profiles.isEmpty();
            for (JsonNode name : profiles) {
                inProfile |= name.asText().equals(profile);
            }
            if (inProfile) {
                active.put(entry.getKey(), entry.getValue());
            }
        });
        return active;
    }

    JsonNode service(String name) {
        JsonNode service = resolved.path("services").path(name);
        assertThat(service.isMissingNode()).as("service %s", name).isFalse();
        return service;
    }

    /** A service's bind mounts, container path to host path (named volumes left out). */
    static Map<String, Path> bindMounts(JsonNode service) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("/")) {
                mounts.put(parts[1], Path.of(parts[0]));
            }
        }
        return mounts;
    }

    /** A published port: the host interface and port, and the container's port. */
    record PublishedPort(String hostIp, int published, int target) {

        /** docker-compose 1.29 prints {@code [HOST_IP:]PUBLISHED:TARGET[/PROTOCOL]} or the long form. */
        static PublishedPort of(JsonNode port) {
            if (port.isTextual()) {
                String[] parts = port.asText().replaceFirst("/[a-z]+$", "").split(":");
                String hostIp = parts.length == 3 ? parts[0] : "";
                return new PublishedPort(hostIp, Integer.parseInt(parts[parts.length - 2]),
                        Integer.parseInt(parts[parts.length - 1]));
            }
            return new PublishedPort(port.path("host_ip").asText(""), port.path("published").asInt(),
                    port.path("target").asInt());
        }
    }

    static List<PublishedPort> ports(JsonNode service) {
        List<PublishedPort> ports = new ArrayList<>();
        service.path("ports").forEach(port -> ports.add(PublishedPort.of(port)));
        return ports;
    }

    /** A service's command as its arguments. */
    static List<String> command(JsonNode service) {
        List<String> command = new ArrayList<>();
        service.path("command").forEach(argument -> command.add(argument.asText()));
        return command;
    }

    /** A service's environment as the container sees it. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(entry ->
                environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }
}
