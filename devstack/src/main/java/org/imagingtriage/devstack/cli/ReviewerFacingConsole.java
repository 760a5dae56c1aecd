package org.imagingtriage.devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.imagingtriage.devstack.demo.DemoConsole;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.image.ReviewImages;

/** The demo's review console, or nothing with {@code --no-console}: one resource either way. */
final class ReviewerFacingConsole implements AutoCloseable {

    private final Optional<DemoConsole> console;
    private final Optional<ReviewImages> images;

    private ReviewerFacingConsole(Optional<DemoConsole> console, Optional<ReviewImages> images) {
        this.console = console;
        this.images = images;
    }

    /** The images come from the events through the pipeline's own stages, as the configuration has them. */
    static ReviewerFacingConsole startUnless(boolean off, TriageConfig config, int port) throws IOException {
        if (off) {
            return new ReviewerFacingConsole(Optional.empty(), Optional.empty());
        }
        ReviewImages images = ReviewImages.start(config.clientConfig(), ImagingStages.from(config));
        try {
            return new ReviewerFacingConsole(Optional.of(DemoConsole.start(config.clientConfig(), port,
                    images.source())), Optional.of(images));
        } catch (IOException | RuntimeException e) {
            images.close();
            throw e;
        }
    }

    void printSignIn(PrintWriter out) {
        console.ifPresent(open -> open.printSignIn(out));
    }

    void printStillOpen(PrintWriter out) {
        console.ifPresent(open -> out.println("Review the drafts at " + open.url() + " (sign in as "
                + DemoConsole.REVIEWER + " with the password printed above)."));
    }

    @Override
    public void close() {
        try {
            console.ifPresent(DemoConsole::close);
        } finally {
            images.ifPresent(ReviewImages::close);
        }
    }
}
