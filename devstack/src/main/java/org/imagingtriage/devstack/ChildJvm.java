package org.imagingtriage.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command lines for child JVMs that run on the same Java as this one. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static List<String> command(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** This JVM's own launcher, so that the child runs the Java version the build checked. */
    public static String javaExecutable() {
        Path fromJavaHome = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(fromJavaHome)) {
            return fromJavaHome.toString();
        }
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                "cannot find a java executable: " + fromJavaHome + " is missing and this process's command is unknown"));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
