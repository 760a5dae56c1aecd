package org.imagingtriage.topology.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files for the command-line tests. */
final class FeedFoldersForCli {

    private FeedFoldersForCli() {
    }

    static void png(Path directory, String name, byte[] png) {
        write(directory.resolve(name), png);
    }

    static void text(Path directory, String name, String text) {
        write(directory.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
