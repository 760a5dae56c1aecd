package org.imagingtriage.devstack.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.review.decision.KafkaReviewDesk;
import org.imagingtriage.topology.review.web.DraftImageSource;
import org.imagingtriage.topology.review.web.PasswordHashes;
import org.imagingtriage.topology.review.web.ReviewConsole;
import org.imagingtriage.topology.review.web.ReviewConsoleSettings;
import org.imagingtriage.topology.review.web.ReviewerAccounts;
import org.imagingtriage.topology.review.web.ReviewerIdentity;

/**
 * The demo's review console: the production console on loopback, with one reviewer account whose
 * password is made for this run and printed, since the demo has no users file.
 */
public final class DemoConsole implements AutoCloseable {

    public static final String REVIEWER = "demo-reviewer";
    private static final int PASSWORD_BYTES = 12;

    private final ReviewConsole console;
    private final String password;

    private DemoConsole(ReviewConsole console, String password) {
        this.console = console;
        this.password = password;
    }

    /** @param port the console's port, 0 for any */
    public static DemoConsole start(TriageClientConfig client, int port, DraftImageSource images) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[PASSWORD_BYTES];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        PasswordHashes hashes = new PasswordHashes(random);
        ReviewerAccounts accounts = ReviewerAccounts.of(Map.of(REVIEWER, hashes.hash(password.toCharArray())), hashes);
        ReviewConsoleSettings settings = new ReviewConsoleSettings(ObservabilitySettings.DEFAULT_BIND_ADDRESS, port,
                new ReviewerIdentity.Login(accounts), ReviewConsoleSettings.DEFAULT_MAX_STREAMS,
                ReviewConsoleSettings.DEFAULT_SESSION_IDLE);
        ReviewConsole console = ReviewConsole.start(client, settings,
                new ObservabilitySettings(ObservabilitySettings.DEFAULT_BIND_ADDRESS, 0), images,
                KafkaReviewDesk.DEFAULT_WORKLIST_CAPACITY);
        return new DemoConsole(console, password);
    }

    public String url() {
        return "http://" + ObservabilitySettings.DEFAULT_BIND_ADDRESS + ":" + console.port() + "/";
    }

    public void printSignIn(PrintWriter out) {
        out.printf("  Review console          %s  sign in as %s, password %s%n", url(), REVIEWER, password);
        out.printf("                          (review metrics http://%s:%d/metrics)%n",
                ObservabilitySettings.DEFAULT_BIND_ADDRESS, console.metricsPort());
    }

    @Override
    public void close() {
        console.close();
    }
}
