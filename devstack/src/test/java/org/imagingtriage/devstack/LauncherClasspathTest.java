package org.imagingtriage.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherClasspathTest {

    @TempDir
    Path dir;

    @Test
    void holdsTheLauncherClassAndNothingElse() throws Exception {
        // when
        Path entry = LauncherClasspath.writeInto(dir);

        // then
        try (Stream<Path> files = Files.walk(entry)) {
            assertThat(files.filter(Files::isRegularFile).map(file -> entry.relativize(file).toString()))
                    .containsExactly("org/imagingtriage/devstack/ParentWatchingMain.class");
        }
    }

    @Test
    void aChildJvmRunsAMainClassThroughItAlone() throws Exception {
        // given: the JDK's own javac entry point, so the child's classpath is the launcher only
        Path entry = LauncherClasspath.writeInto(dir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        // when
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", entry.toString(),
                ParentWatchingMain.class.getName(), "com.sun.tools.javac.Main", "-version"))
                .redirectErrorStream(true)
                .start();
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(ended).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).startsWith("javac ");
    }
}
