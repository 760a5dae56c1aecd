package org.imagingtriage.devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.imagingtriage.devstack.demo.DemoConsole;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.review.web.DraftImageSource;

/** The demo's review console, or nothing with {@code --no-console}: one resource either way. */
final class ReviewerFacingConsole implements AutoCloseable {

    private final Optional<DemoConsole> console;

    private ReviewerFacingConsole(Optional<DemoConsole> console) {
        this.console = console;
    }

    static ReviewerFacingConsole startUnless(boolean off, TriageConfig config, int port) throws IOException {
        if (off) {
            return new ReviewerFacingConsole(Optional.empty());
        }
        return new ReviewerFacingConsole(Optional.of(DemoConsole.start(config.clientConfig(), port,
                DraftImageSource.none("IMAGES_NOT_CONFIGURED"))));
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
        console.ifPresent(DemoConsole::close);
    }
}
