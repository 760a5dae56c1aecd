package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imagingtriage.devstack.ChildJvm;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline image runs, run here without Docker: topology's jar and {@code target/lib}
 * (copied by the build, as compose/pipeline/Dockerfile copies them) with the image's logging
 * configuration, on a plain JVM. The distribution must hold everything the commands need and
 * nothing of the development stack.
 */
class PipelineDistributionIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path TARGET = ROOT.resolve("topology/target");
    private static final Path LOG_CONFIG = ROOT.resolve("compose/pipeline/log4j2.xml");

    @TempDir
    Path work;

    @Test
    void theDistributionHoldsTheRuntimeAndNothingOfTheDevelopmentStack() throws IOException {
        // when
        List<String> libraries;
        try (Stream<Path> files = Files.list(TARGET.resolve("lib"))) {
            libraries = files.map(file -> file.getFileName().toString()).sorted().toList();
        }

        // then
        assertThat(libraries).anyMatch(name -> name.startsWith("kafka-streams-"))
                .anyMatch(name -> name.startsWith("grpc-netty-shaded-"))
                .anyMatch(name -> name.startsWith("log4j-slf4j2-impl-"))
                .noneMatch(name -> name.startsWith("triage-devstack"))
                .noneMatch(name -> name.startsWith("junit") || name.startsWith("assertj"))
                .noneMatch(name -> name.startsWith("kafka_2.13") || name.startsWith("kafka-server"))
                .noneMatch(name -> name.startsWith("apicurio"));
    }

    @Test
    void theImagesCommandLineRunsAndPreprocessesAnImage() throws Exception {
        // given: a synthetic DICOM image, as a PACS would hold it
        SampleImage sample = SampleImages.catalog().stream().filter(s -> s.name().equals("head-ct-09")).findFirst()
                .orElseThrow();
        Path image = Files.write(work.resolve(sample.fileName()), SampleImages.bytes(sample));
        Path out = Files.createDirectories(work.resolve("out"));

        // when
        Result version = triage("--version");
        Result preprocess = triage("preprocess", image.toString(), "--out", out.toString());

        // then
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).contains("triage");
        assertThat(preprocess.exit()).as(preprocess.output()).isZero();
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written).singleElement().satisfies(png -> assertThat(Files.size(png)).isPositive());
        }
    }

    private record Result(int exit, String output) {
    }

    private Result triage(String... arguments) throws Exception {
        String classpath = jar() + java.io.File.pathSeparator + TARGET.resolve("lib") + java.io.File.separator + "*";
        List<String> command = ChildJvm.command(List.of("-Dlog4j2.configurationFile=" + LOG_CONFIG), classpath,
                "org.imagingtriage.topology.cli.TriageCommand", List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path jar() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(TARGET)) {
            files.filter(file -> file.getFileName().toString().matches("triage-topology-.*[0-9T]\\.jar"))
                    .forEach(jars::add);
        }
        assertThat(jars).as("topology's jar, built by mvn package").hasSize(1);
        return jars.get(0);
    }
}
