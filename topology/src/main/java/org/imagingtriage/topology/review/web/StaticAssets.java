package org.imagingtriage.topology.review.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's files, read once from the classpath; only these names are ever served. */
final class StaticAssets {

    private static final String BASE = "/org/imagingtriage/topology/review/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "login.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    private StaticAssets(Map<String, byte[]> files) {
        this.files = files;
    }

    static StaticAssets load() {
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
                if (in == null) {
                    throw new IllegalStateException("the console's " + name + " is missing from the jar");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the console's " + name, e);
            }
        }
        return new StaticAssets(Map.copyOf(files));
    }

    Optional<Asset> get(String name) {
        byte[] bytes = files.get(name);
        return bytes == null ? Optional.empty() : Optional.of(new Asset(TYPES.get(name), bytes));
    }

    record Asset(String contentType, byte[] bytes) {
    }
}
