package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imagingtriage.topology.config.ConfigSources;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.config.TriageFeedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.imagingtriage.topology.cli.TriageCommand;
import picocli.CommandLine;

/**
 * The compose stack's files, checked without a Docker engine: both profiles validate with Debian's
 * {@code docker-compose config}, alone and with the security override; images are pinned; host
 * ports are unique; every mounted file exists (or is one {@code secure/make-certs.sh} makes);
 * healthchecks back every dependency condition; every variable is documented in
 * {@code .env.example}; and the pipeline, the feed and topic-init load their configuration as the
 * containers would.
 */
class ComposeFileIT {

    private static final String BASE = "docker-compose.yml";
    private static final String SECURE = "docker-compose.secure.yml";
    private static final List<String> PROFILES = List.of("sim", "gpu");
    private static final Path GENERATED = ComposeProject.COMPOSE.resolve("secure/generated");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(.+)$");

    @TempDir
    Path certificates;

    private static List<ComposeProject> everyVariant() throws Exception {
        List<ComposeProject> variants = new ArrayList<>();
        for (String profile : PROFILES) {
            variants.add(ComposeProject.resolve(profile, BASE));
            variants.add(ComposeProject.resolve(profile, BASE, SECURE));
        }
        return variants;
    }

    @Test
    void eachProfileValidatesAndRunsItsOwnTriton() throws Exception {
        // when
        ComposeProject sim = ComposeProject.resolve("sim", BASE);
        ComposeProject gpu = ComposeProject.resolve("gpu", BASE);

        // then: the same stack, with the simulator or Triton behind the one name the pipeline uses
        assertThat(sim.activeServices()).containsKeys("kafka", "schema-registry", "topic-init", "pipeline", "orthanc",
                "feed", "review-console", "prometheus", "grafana", "triton-sim").doesNotContainKey("triton");
        assertThat(gpu.activeServices()).containsKeys("kafka", "pipeline", "triton").doesNotContainKey("triton-sim");
        assertThat(sim.service("triton-sim").path("networks").path("default").path("aliases").toString())
                .contains("\"triton\"");
        assertThat(gpu.service("triton").path("deploy").path("resources").path("reservations").path("devices")
                .get(0).path("capabilities").toString()).contains("gpu");
    }

    @Test
    void everyImageAndEveryBaseImageIsPinned() throws Exception {
        for (ComposeProject variant : everyVariant()) {
            variant.activeServices().forEach((name, service) -> {
                // then: an explicit tag that is not "latest"
                assertPinned(service.path("image").asText(), variant.profile() + "/" + name);
                JsonNode build = service.path("build");
                if (!build.isMissingNode()) {
                    Path context = Path.of(build.path("context").asText());
                    assertDockerfilePinnedAndComplete(context, context.resolve(build.path("dockerfile").asText()));
                }
            });
        }
    }

    @Test
    void hostPortsAreUniqueWithinEachProfileAndOnlyOnTheConfiguredInterfaces() throws Exception {
        Map<String, String> env = envExample();
        Set<String> interfaces = new TreeSet<>(
                List.of(env.get("HOST_BIND_ADDRESS"), env.get("ORTHANC_DICOM_BIND_ADDRESS")));
        assertThat(interfaces).containsExactly("127.0.0.1");
        for (ComposeProject variant : everyVariant()) {
            // given
            Map<Integer, String> owners = new HashMap<>();
            variant.activeServices().forEach((name, service) -> {
                for (ComposeProject.PublishedPort port : ComposeProject.ports(service)) {
                    // then: one service per host port, never on every interface by default
                    String previous = owners.put(port.published(), name);
                    assertThat(previous).as("host port %s of %s in profile %s", port.published(), name,
                            variant.profile()).isNull();
                    assertThat(port.hostIp()).as("%s publishes %s on", name, port.published()).isIn(interfaces);
                }
            });
            assertThat(owners).isNotEmpty();
        }
    }

    @Test
    void everyMountedFileExistsOrIsMadeByMakeCerts() throws Exception {
        // given: the key material the security override mounts, made as its instructions say
        makeCertificates();
        Set<String> envValues = new TreeSet<>(envExample().values());

        for (ComposeProject variant : everyVariant()) {
            for (Map.Entry<String, JsonNode> service : variant.activeServices().entrySet()) {
                for (Map.Entry<String, Path> mount : ComposeProject.bindMounts(service.getValue()).entrySet()) {
                    Path source = mount.getValue();
                    String what = variant.profile() + "/" + service.getKey() + " mounts " + source;
                    // then
                    if (source.equals(GENERATED)) {
                        // a directory of key material: every file the service names in it exists
                        assertThat(filesNamedUnder(mount.getKey(), service.getValue())).as(what).isNotEmpty()
                                .allSatisfy(file -> assertThat(certificates.resolve(file)).as(what).exists());
                    } else if (source.startsWith(GENERATED)) {
                        assertThat(certificates.resolve(GENERATED.relativize(source).toString())).as(what).exists();
                    } else if (source.startsWith(ComposeProject.REPOSITORY)) {
                        assertThat(source).as(what).exists();
                    } else {
                        assertThat(envValues).as("%s: a host path outside the repository comes from .env", what)
                                .contains(source.toString());
                    }
                }
            }
        }
    }

    @Test
    void everyDependencyConditionHasWhatItWaitsFor() throws Exception {
        for (ComposeProject variant : everyVariant()) {
            Map<String, JsonNode> active = variant.activeServices();
            active.forEach((name, service) -> {
                boolean oneShot = isOneShot(service);
                // then: long-running services report health; jobs do not restart
                if (!oneShot) {
                    assertThat(service.path("healthcheck").path("test").isEmpty())
                            .as("%s/%s has a healthcheck", variant.profile(), name).isFalse();
                }
                service.path("depends_on").fields().forEachRemaining(dependency -> {
                    JsonNode target = active.get(dependency.getKey());
                    String what = variant.profile() + "/" + name + " depends on " + dependency.getKey();
                    assertThat(target).as(what + " (active in the profile)").isNotNull();
                    String condition = dependency.getValue().path("condition").asText();
                    assertThat(condition).as(what).isIn("service_healthy", "service_completed_successfully");
                    if (condition.equals("service_completed_successfully")) {
                        assertThat(isOneShot(target)).as(what + ": a job").isTrue();
                    }
                });
            });
        }
    }

    @Test
    void everyVariableIsDocumentedInEnvExampleAndEveryDocumentedOneIsUsed() throws IOException {
        // given
        Set<String> used = new TreeSet<>();
        for (String file : List.of(BASE, SECURE)) {
            used.addAll(variablesIn(Files.readString(ComposeProject.COMPOSE.resolve(file))));
        }
        String makeCerts = Files.readString(ComposeProject.COMPOSE.resolve("secure/make-certs.sh"));
        Set<String> documented = envExample().keySet();

        // then
        assertThat(documented).containsAll(used);
        for (String variable : documented) {
            boolean usedByScripts = makeCerts.contains(variable);
            assertThat(used.contains(variable) || usedByScripts || variable.equals("COMPOSE_PROJECT_NAME"))
                    .as("%s in .env.example is used", variable).isTrue();
        }
    }

    @Test
    void thePipelineFeedAndTopicInitLoadTheirConfigurationAsTheContainersWould() throws Exception {
        // given
        ComposeProject stack = ComposeProject.resolve("sim", BASE);

        // when
        TriageConfig pipeline = TriageConfigLoader.load(sourcesOf(stack.service("pipeline")));
        TriageClientConfig topicInit = TriageConfigLoader.loadClient(sourcesOf(stack.service("topic-init")));
        TriageFeedConfig feed = TriageConfigLoader.loadOrthancFeed(sourcesOf(stack.service("feed")),
                Optional.empty());

        // then: Prometheus reaches the pipeline where it listens, Triton is one name in both profiles
        String scrapeTarget = "pipeline:" + pipeline.observability().port();
        assertThat(pipeline.observability().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(Files.readString(ComposeProject.COMPOSE.resolve("prometheus/prometheus.yml")))
                .contains("\"" + scrapeTarget + "\"", "\"triton:8002\"");
        assertThat(ComposeProject.ports(stack.service("pipeline")).get(0).target())
                .isEqualTo(pipeline.observability().port());
        assertThat(pipeline.triton().target()).isEqualTo("triton:8001");
        assertThat(pipeline.kafka().properties()).containsEntry("state.dir", "/var/lib/triage/streams");
        // and topic-init creates what the pipeline only checks
        assertThat(pipeline.topics().provisioning().name()).isEqualTo("CHECK");
        assertThat(topicInit.topics().provisioning().name()).isEqualTo("CREATE");
        assertThat(feed.orthanc().url().toString()).isEqualTo("http://orthanc:8042");
        // and the review console reads the same topics, and Prometheus reaches its metrics
        TriageClientConfig console = TriageConfigLoader.loadClient(sourcesOf(stack.service("review-console")));
        assertThat(console.topics().drafts()).isEqualTo(pipeline.topics().drafts());
        assertThat(console.topics().reviews()).isEqualTo(pipeline.topics().reviews());
        assertThat(ComposeProject.command(stack.service("review-console")))
                .contains("--metrics-port=9465", "--users-file=/etc/triage/reviewers");
        assertThat(Files.readString(ComposeProject.COMPOSE.resolve("prometheus/prometheus.yml")))
                .contains("\"review-console:9465\"");
        assertThat(feed.orthanc().auth().toString()).doesNotContain(envExample().get("ORTHANC_PASSWORD"));
        assertThat(pipeline.httpReferences().toString()).doesNotContain(envExample().get("ORTHANC_PASSWORD"));
    }

    @Test
    void everyTriageServicesCommandLineIsOneTheImageAccepts() throws Exception {
        for (ComposeProject variant : everyVariant()) {
            for (String name : List.of("topic-init", "pipeline", "feed", "review-console")) {
                // when: the image's entrypoint parses the service's arguments
                List<String> command = ComposeProject.command(variant.service(name));
                CommandLine triage = TriageCommand.commandLine(Map.of());

                // then
                assertThat(triage.parseArgs(command.toArray(String[]::new)).subcommand()).as("%s: %s", name, command)
                        .isNotNull();
            }
        }
    }

    @Test
    void theSecurityOverrideConfiguresSaslSslAndMutualTlsFromTheSameFile() throws Exception {
        // given: the key material make-certs.sh makes, where the containers would see it
        makeCertificates();
        ComposeProject stack = ComposeProject.resolve("sim", BASE, SECURE);

        // when
        TriageConfig pipeline = TriageConfigLoader.load(sourcesOf(stack.service("pipeline")));
        TriageClientConfig feed = TriageConfigLoader.loadClient(sourcesOf(stack.service("feed")));

        // then
        assertThat(pipeline.kafka().properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(pipeline.kafka().properties().get("sasl.jaas.config")).contains("username=\"pipeline\"");
        assertThat(pipeline.kafka().toString()).doesNotContain(envExample().get("KAFKA_PIPELINE_PASSWORD"));
        assertThat(pipeline.triton().transport().tls()).hasValueSatisfying(tls -> assertThat(tls.isMutual()).isTrue());
        assertThat(feed.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(TriageConfigLoader.loadClient(sourcesOf(stack.service("review-console"))).kafka().properties())
                .containsEntry("security.protocol", "SASL_SSL");
        List<String> simulator = new ArrayList<>();
        stack.service("triton-sim").path("command").forEach(argument -> simulator.add(argument.asText()));
        assertThat(simulator).contains("--tls-cert-file=/etc/triton/tls/triton.pem",
                "--tls-client-ca-file=/etc/triton/tls/ca.pem");
    }

    /**
     * The service's configuration file and environment, with each container path it names
     * replaced by the host file mounted there (and key material by make-certs.sh's output).
     */
    private ConfigSources sourcesOf(JsonNode service) {
        Map<String, Path> mounts = ComposeProject.bindMounts(service);
        Map<String, String> environment = new HashMap<>();
        ComposeProject.environment(service).forEach((name, value) ->
                environment.put(name, mounts.containsKey(value) ? hostPath(mounts.get(value)) : value));
        List<String> command = new ArrayList<>();
        service.path("command").forEach(argument -> command.add(argument.asText()));
        String configFile = command.stream().filter(argument -> argument.startsWith("/etc/triage/")
                        || argument.startsWith("--config=")).map(argument -> argument.replace("--config=", ""))
                .findFirst().orElseThrow();
        return ConfigSources.environment(environment).withFile(Path.of(hostPath(mounts.get(configFile))));
    }

    /**
     * Files a service names under a mounted directory: in its environment, command and healthcheck,
     * and in the scripts it mounts (the secure Kafka's start reads its users there).
     */
    private static Set<String> filesNamedUnder(String directory, JsonNode service) throws IOException {
        StringBuilder text = new StringBuilder(service.toString());
        for (Path source : ComposeProject.bindMounts(service).values()) {
            if (Files.isRegularFile(source) && source.toString().endsWith(".sh")) {
                text.append(Files.readString(source).replace("$secrets", directory));
            }
        }
        Set<String> files = new TreeSet<>();
        Matcher matcher = Pattern.compile(Pattern.quote(directory + "/") + "([A-Za-z0-9._-]+)").matcher(text);
        while (matcher.find()) {
            files.add(matcher.group(1));
        }
        return files;
    }

    private String hostPath(Path source) {
        return source.startsWith(GENERATED)
                ? certificates.resolve(GENERATED.relativize(source).toString()).toString() : source.toString();
    }

    private void makeCertificates() throws Exception {
        ComposeScripts.makeCertificates(certificates, envExample());
    }

    static Map<String, String> envExample() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(ComposeProject.ENV_EXAMPLE)));
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return values;
    }

    private static Set<String> variablesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static boolean isOneShot(JsonNode service) {
        String restart = service.path("restart").asText();
        return restart.equals("no") || restart.equals("false");
    }

    private static void assertPinned(String image, String what) {
        int lastSlash = image.lastIndexOf('/');
        String nameAndTag = image.substring(lastSlash + 1);
        assertThat(nameAndTag).as("%s: image %s has a tag", what, image).contains(":");
        assertThat(nameAndTag).as("%s: image %s", what, image).doesNotEndWith(":latest");
    }

    private static void assertDockerfilePinnedAndComplete(Path context, Path dockerfile) {
        try {
            String text = Files.readString(dockerfile);
            Set<String> stages = new TreeSet<>();
            Matcher from = FROM.matcher(text);
            while (from.find()) {
                if (!stages.contains(from.group(1))) {
                    assertPinned(from.group(1), dockerfile.toString());
                }
                if (from.group(2) != null) {
                    stages.add(from.group(2));
                }
            }
            Matcher copy = COPY.matcher(text);
            while (copy.find()) {
                String[] paths = copy.group(1).trim().split("\\s+");
                for (int i = 0; i < paths.length - 1; i++) {
                    assertThat(context.resolve(paths[i])).as("%s copies %s", dockerfile, paths[i]).exists();
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + dockerfile, e);
        }
    }
}
