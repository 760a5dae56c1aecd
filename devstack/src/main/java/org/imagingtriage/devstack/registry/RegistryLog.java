package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The file the registry's stdout and stderr go to. Every launch appends to it; a launch
 * remembers the size before it started so that its diagnosis reads only its own output.
 */
final class RegistryLog {

    /** How much of the end of a launch's output a diagnosis reads: start-up logs are short. */
    private static final int TAIL_BYTES = 256 * 1024;

    // Quarkus reports a taken HTTP port in words, a taken management port as a BindException.
    private static final List<String> PORT_IN_USE_SIGNS = List.of(
            "seems to be in use by another process", "Address already in use");

    private final Path file;

    RegistryLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Where the next launch's output will begin. */
    long end() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the registry log " + file, e);
        }
    }

    /** The last {@code maxLines} lines written since {@code offset}. */
    String tailSince(long offset, int maxLines) {
        List<String> lines = Arrays.asList(textSince(offset).split("\\R"));
        return lines.subList(Math.max(0, lines.size() - maxLines), lines.size()).stream()
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** Whether the output since {@code offset} says that a port the registry needs was taken. */
    boolean reportsPortInUseSince(long offset) {
        String text = textSince(offset);
        return PORT_IN_USE_SIGNS.stream().anyMatch(text::contains);
    }

    private String textSince(long offset) {
        if (!Files.exists(file)) {
            return "";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(offset, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, channel.size() - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // read until the buffer is full or the file ends
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry log " + file, e);
        }
    }
}
