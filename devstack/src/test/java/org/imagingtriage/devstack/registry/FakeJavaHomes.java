package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds directories that look like Java homes to {@link JavaRuntime#at(Path)}, for tests. */
final class FakeJavaHomes {

    private FakeJavaHomes() {
    }

    /** A home with an executable bin/java and a release file declaring {@code version}. */
    static Path javaHome(Path parent, String name, String version) throws IOException {
        Path home = homeWithoutRelease(parent, name);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n"
                + "JAVA_VERSION_DATE=\"2025-04-15\"\n");
        return home;
    }

    /** A home with an executable bin/java but no release file. */
    static Path homeWithoutRelease(Path parent, String name) throws IOException {
        Path home = Files.createDirectories(parent.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** A directory that looks like an unpacked registry distribution. */
    static Path registryHome(Path parent) throws IOException {
        Path home = Files.createDirectories(parent.resolve("apicurio-registry"));
        Files.writeString(home.resolve(ApicurioRegistryConfig.RUNNER_JAR), "");
        return home;
    }
}
