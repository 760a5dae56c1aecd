package org.imagingtriage.topology.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Output files of {@code triage preprocess}: {@code chest-01.png} for {@code chest-01.dcm}, and
 * {@code chest-01-2.png}, {@code -3}... when that name is taken (two inputs with one base name in
 * different directories, or a file left by an earlier run: never overwritten). Characters other
 * than letters, digits, '.', '_' and '-' become '_', so a hostile file name cannot make a path.
 */
final class OutputNames {

    private static final int MAX_ATTEMPTS = 10_000;
    private static final int MAX_BASE_LENGTH = 120;

    private final Path directory;

    OutputNames(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Creates a new, empty output file for {@code input} and opens it; the name is never reused. */
    Created create(Path input) throws IOException {
        String base = base(input);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path candidate = directory.resolve(attempt == 1 ? base + ".png" : base + "-" + attempt + ".png");
            try {
                // CREATE_NEW is atomic: two runs into one directory cannot both take a name.
                OutputStream out = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new Created(candidate, out);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new IOException("no free output name for " + base + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** The file name without its last extension, made safe for any file system. */
    static String base(Path input) {
        Path fileName = input.getFileName();
        String name = fileName == null ? "image" : fileName.toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && safe.length() < MAX_BASE_LENGTH; i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            safe.append(allowed ? c : '_');
        }
        String result = safe.toString();
        // ".", ".." and names of dots only would be directories, not files.
        return result.isEmpty() || result.chars().allMatch(c -> c == '.') ? "image" : result;
    }

    record Created(Path path, OutputStream stream) {
    }
}
