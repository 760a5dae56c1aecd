package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Polls a starting registry until every readiness URL answers 200, the process exits, or the
 * time is up. Health alone is not enough: it can report UP a moment before the REST layer
 * serves, so the API a client uses is polled too.
 */
final class ReadinessPoller {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(150);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;

    ReadinessPoller(HttpClient http) {
        this.http = http;
    }

    /**
     * @return empty once every URL answered 200; otherwise why the registry is not ready:
     *         its exit, or the last answer of each URL when the timeout ran out
     */
    Optional<String> awaitReady(Process process, List<URI> urls, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<URI, String> lastAnswers = new LinkedHashMap<>();
        urls.forEach(url -> lastAnswers.put(url, "no answer yet"));
        while (true) {
            if (!process.isAlive()) {
                return Optional.of("the registry process exited with code " + process.exitValue()
                        + " before " + String.join(" and ", urls.stream().map(URI::toString).toList())
                        + " answered 200");
            }
            boolean allReady = true;
            for (URI url : urls) {
                String answer = probe(url);
                lastAnswers.put(url, answer);
                allReady &= answer.equals("200");
            }
            if (allReady) {
                return Optional.empty();
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.of("the registry was not ready within " + timeout.toSeconds() + " s: "
                        + lastAnswers.entrySet().stream()
                                .map(entry -> entry.getKey() + " answered " + entry.getValue())
                                .collect(Collectors.joining(", ")));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** The status code as text, or what went wrong instead of an answer. */
    private String probe(URI url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return Integer.toString(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
