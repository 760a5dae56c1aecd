package org.imagingtriage.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference side of the preprocessing benchmark: {@code preprocess_reference.py}
 * (pydicom, numpy, Pillow) run by Debian's {@code /usr/bin/python3}, one thread, on the same
 * files the Java side reads.
 */
public final class PreprocessReference {

    /** Written by {@link #prepare}: pydicom's JPEG 2000 CT, decoded and saved uncompressed. */
    public static final String CT_512_UNCOMPRESSED = "ct-512-uncompressed.dcm";
    static final String SCRIPT = "preprocess_reference.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Path script;

    private PreprocessReference(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Writes the script into {@code workDir} to run it with {@code python}. */
    public static PreprocessReference in(Path workDir, Path python) {
        Path script = workDir.resolve(SCRIPT);
        try (InputStream in = PreprocessReference.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from devstack's resources");
            }
            Files.copy(in, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        return new PreprocessReference(python, script);
    }

    /** The benchmark's derived inputs (the uncompressed 512x512 CT), written into {@code directory}. */
    public void prepare(Path directory, Path corpus) throws IOException, InterruptedException {
        run(List.of("prepare", directory.toString(), corpus.toString()), Duration.ofMinutes(2));
    }

    /** Images per second of each file, in the order given. */
    public Map<Path, Double> imagesPerSecond(List<Path> files, Duration duration) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", String.valueOf(duration.toMillis() / 1000.0)));
        files.forEach(file -> args.add(file.toString()));
        Duration limit = duration.multipliedBy(files.size() * 3L).plusMinutes(2);
        return parse(run(args, limit));
    }

    /** Python's and the libraries' versions, for the report. */
    public String versions() throws IOException, InterruptedException {
        return run(List.of("versions"), Duration.ofMinutes(1));
    }

    /** One JSON object per line: {"file", "images", "seconds", "side"}. */
    static Map<Path, Double> parse(String output) throws IOException {
        Map<Path, Double> rates = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result = JSON.readTree(line);
            if (result.path("side").asInt() != 896) {
                throw new IOException("the Python reference produced a " + result.path("side").asInt()
                        + "-pixel image, not 896, for " + result.path("file").asText());
            }
            rates.put(Path.of(result.path("file").asText()),
                    result.path("images").asDouble() / result.path("seconds").asDouble());
        }
        return rates;
    }

    private String run(List<String> args, Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("the Python reference did not finish within " + limit);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("the Python reference failed (exit " + process.exitValue() + "):\n" + text);
        }
        return text;
    }
}
