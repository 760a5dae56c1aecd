package org.imagingtriage.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A classpath entry holding {@link ParentWatchingMain} and nothing else, for the child JVMs
 * devstack starts. The entry used to be wherever devstack's classes were loaded from; when that
 * is the runnable fat jar, the child gets every class and service file of devstack's
 * dependencies too, and Apicurio's Quarkus class loader then finds our SLF4J provider beside its
 * own and rejects it as "not a subtype". Copying the one class out works the same from a classes
 * directory, the plain jar and the fat jar.
 */
public final class LauncherClasspath {

    private static final String CLASS_FILE = ParentWatchingMain.class.getSimpleName() + ".class";

    private LauncherClasspath() {
    }

    /**
     * Writes the launcher's class file under {@code directory/launcher} (replacing an earlier
     * copy) and returns that classpath entry. Pass a directory the child owns, so that the copy
     * is deleted with the rest of the child's files.
     */
    public static Path writeInto(Path directory) {
        Path root = directory.resolve("launcher");
        Path classFile = root.resolve(ParentWatchingMain.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ParentWatchingMain.class.getResourceAsStream(CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + CLASS_FILE + " from devstack's classes");
            }
            Files.createDirectories(classFile.getParent());
            Files.copy(in, classFile, StandardCopyOption.REPLACE_EXISTING);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the child JVM launcher into " + root, e);
        }
    }
}
