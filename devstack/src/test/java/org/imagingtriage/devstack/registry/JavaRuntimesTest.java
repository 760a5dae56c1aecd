package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

    @TempDir
    Path jvmRoot;

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @Test
    void picksTheNewestRuntimeOfJava21OrLater() throws IOException {
        // given
        FakeJavaHomes.javaHome(jvmRoot, "java-17-openjdk-amd64", "17.0.15");
        FakeJavaHomes.javaHome(jvmRoot, "temurin-21-jre-amd64", "21.0.7");
        Path newest = FakeJavaHomes.javaHome(jvmRoot, "temurin-25-jdk-amd64", "25.0.3");

        // when
        JavaRuntime runtime = runtimes(NO_ENVIRONMENT).requireRegistryRuntime();

        // then
        assertThat(runtime.home()).isEqualTo(newest);
        assertThat(runtime.version()).isEqualTo("25.0.3");
        assertThat(runtime.featureVersion()).isEqualTo(25);
        assertThat(runtime.javaExecutable()).isEqualTo(newest.resolve("bin/java"));
    }

    @Test
    void comparesUpdateNumbersAsNumbersNotText() throws IOException {
        // given
        FakeJavaHomes.javaHome(jvmRoot, "a-older", "21.0.9");
        Path newer = FakeJavaHomes.javaHome(jvmRoot, "b-newer", "21.0.10");

        // when
        JavaRuntime runtime = runtimes(NO_ENVIRONMENT).requireRegistryRuntime();

        // then
        assertThat(runtime.home()).isEqualTo(newer);
    }

    @Test
    void readsTheFeatureNumberOfPreJava9Versions() throws IOException {
        // given
        Path java8 = FakeJavaHomes.javaHome(jvmRoot, "java-8", "1.8.0_392");

        // when
        JavaRuntime runtime = JavaRuntime.at(java8);

        // then
        assertThat(runtime.featureVersion()).isEqualTo(8);
    }

    @Test
    void explainsWhatWasFoundWhenNoRuntimeIsNewEnough() throws IOException {
        // given
        FakeJavaHomes.javaHome(jvmRoot, "java-17-openjdk-amd64", "17.0.15");
        Files.createSymbolicLink(jvmRoot.resolve("java-1.17.0-openjdk-amd64"), jvmRoot.resolve("java-17-openjdk-amd64"));
        Files.createDirectories(jvmRoot.resolve("openjdk-17"));
        FakeJavaHomes.homeWithoutRelease(jvmRoot, "unlabelled");

        // when / then
        assertThatThrownBy(() -> runtimes(NO_ENVIRONMENT).requireRegistryRuntime())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry needs Java 21 or newer")
                .hasMessageContaining("java-17-openjdk-amd64 (Java 17.0.15)")
                .hasMessageContaining("openjdk-17 (not usable: has no bin/java)")
                .hasMessageContaining("unlabelled (not usable: has no release file")
                .hasMessageContaining("Temurin")
                .hasMessageContaining(JavaRuntimes.JAVA_HOME_ENV)
                // the Debian alias is the same runtime and is listed once
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java-1.17.0-openjdk-amd64"));
    }

    @Test
    void saysNothingWasFoundWhenTheJvmDirectoryIsMissing() {
        // given
        JavaRuntimes runtimes = new JavaRuntimes(jvmRoot.resolve("absent"), NO_ENVIRONMENT::get);

        // when / then
        assertThatThrownBy(runtimes::requireRegistryRuntime)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("there is: nothing");
    }

    @Test
    void skipsAJavaLauncherThatIsNotExecutable() throws IOException {
        // given
        Path home = FakeJavaHomes.javaHome(jvmRoot, "temurin-25", "25.0.3");
        Files.setPosixFilePermissions(home.resolve("bin/java"), PosixFilePermissions.fromString("rw-r--r--"));

        // when / then
        assertThatThrownBy(() -> runtimes(NO_ENVIRONMENT).requireRegistryRuntime())
                .hasMessageContaining("temurin-25 (not usable: bin/java is not executable)");
    }

    @Test
    void theEnvironmentVariableWinsOverTheSearch(@TempDir Path elsewhere) throws IOException {
        // given
        FakeJavaHomes.javaHome(jvmRoot, "temurin-25", "25.0.3");
        Path chosen = FakeJavaHomes.javaHome(elsewhere, "jdk-21", "21.0.2");

        // when
        JavaRuntime runtime = runtimes(Map.of(JavaRuntimes.JAVA_HOME_ENV, chosen.toString())).requireRegistryRuntime();

        // then
        assertThat(runtime.home()).isEqualTo(chosen);
        assertThat(runtime.featureVersion()).isEqualTo(21);
    }

    @Test
    void rejectsAnEnvironmentVariableNamingNoJavaHome() throws IOException {
        // given
        FakeJavaHomes.javaHome(jvmRoot, "temurin-25", "25.0.3");
        Path missing = jvmRoot.resolve("no-such-jdk");

        // when / then
        assertThatThrownBy(() -> runtimes(Map.of(JavaRuntimes.JAVA_HOME_ENV, missing.toString()))
                .requireRegistryRuntime())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(JavaRuntimes.JAVA_HOME_ENV + "=" + missing)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void rejectsAnEnvironmentVariableNamingAnOldJava() throws IOException {
        // given
        Path java17 = FakeJavaHomes.javaHome(jvmRoot, "java-17", "17.0.15");

        // when / then
        assertThatThrownBy(() -> runtimes(Map.of(JavaRuntimes.JAVA_HOME_ENV, java17.toString()))
                .requireRegistryRuntime())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(JavaRuntimes.JAVA_HOME_ENV)
                .hasMessageContaining("is Java 17.0.15")
                .hasMessageContaining("needs Java 21 or newer");
    }

    @Test
    void ignoresABlankEnvironmentVariable() throws IOException {
        // given
        Path installed = FakeJavaHomes.javaHome(jvmRoot, "temurin-25", "25.0.3");

        // when
        JavaRuntime runtime = runtimes(Map.of(JavaRuntimes.JAVA_HOME_ENV, "  ")).requireRegistryRuntime();

        // then
        assertThat(runtime.home()).isEqualTo(installed);
    }

    private JavaRuntimes runtimes(Map<String, String> environment) {
        return new JavaRuntimes(jvmRoot, environment::get);
    }
}
