package org.imagingtriage.topology.review.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.observability.ObservabilityServer;
import org.imagingtriage.topology.observability.ReadinessCheck;
import org.imagingtriage.topology.review.decision.KafkaReviewDesk;
import org.imagingtriage.topology.review.worklist.WorklistFeed;

/**
 * The whole web review console: a {@link KafkaReviewDesk}, the page and its API
 * ({@link ReviewConsoleServer}), and {@code /metrics} with {@code /health/*} on a port of their own,
 * as the pipeline has them.
 */
public final class ReviewConsole implements AutoCloseable {

    private final KafkaReviewDesk desk;
    private final ObservabilityServer observability;
    private final ReviewConsoleServer server;

    private ReviewConsole(KafkaReviewDesk desk, ObservabilityServer observability, ReviewConsoleServer server) {
        this.desk = desk;
        this.observability = observability;
        this.server = server;
    }

    /**
     * Starts reading the topics and serving.
     *
     * @param images where the page's images come from
     * @throws IOException when an address cannot be bound
     * @throws IllegalStateException when the drafts or reviews topic does not exist
     */
    public static ReviewConsole start(TriageClientConfig client, ReviewConsoleSettings settings,
                                      ObservabilitySettings metrics, DraftImageSource images, int worklistCapacity)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        KafkaReviewDesk desk = KafkaReviewDesk.start(client, worklistCapacity, "triage-review-console");
        ObservabilityServer observability = null;
        try {
            observability = ObservabilityServer.start(metrics, desk.registry(), List.of(new FeedReadiness(desk.feed())));
            ReviewConsoleServer server = ReviewConsoleServer.start(settings, desk.worklist(), desk.desk(), images,
                    Clock.systemUTC());
            return new ReviewConsole(desk, observability, server);
        } catch (IOException | RuntimeException e) {
            if (observability != null) {
                observability.close();
            }
            desk.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public int metricsPort() {
        return observability.port();
    }

    /** Completes once the worklist holds everything the topics held at start. */
    public CompletableFuture<Void> caughtUp() {
        return desk.feed().caughtUp();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                observability.close();
            } finally {
                desk.close();
            }
        }
    }

    /** Ready once the worklist has read what the topics held at start, and while it keeps reading. */
    private record FeedReadiness(WorklistFeed feed) implements ReadinessCheck {

        @Override
        public String name() {
            return "worklist";
        }

        @Override
        public Result check() {
            if (feed.ready()) {
                return Result.up();
            }
            return Result.down(feed.running() ? "reading the drafts and reviews topics"
                    : "the worklist feed has stopped");
        }
    }
}
