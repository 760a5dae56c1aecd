package org.imagingtriage.devstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a scratch directory devstack made (a registry's work directory, the demo's inbox, the
 * benchmark's files): a leftover in the temporary directory is worth a warning, not a failure.
 */
public final class ScratchDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

    private ScratchDirectory() {
    }

    public static void delete(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete the scratch directory {}: {}", directory, e.toString());
        }
    }
}
