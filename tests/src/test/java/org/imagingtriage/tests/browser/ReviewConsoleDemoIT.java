package org.imagingtriage.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.devstack.cli.TriageDevstackCli;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The acceptance path of the review console: {@code ./triage demo} as a reviewer meets it. The demo
 * runs its real embedded stack (KRaft broker, Apicurio, the Triton simulator, the pipeline) and the
 * console; headless Chromium signs in with the printed credentials, watches drafts arrive without
 * a reload, opens the most urgent one with its preprocessed image and accepts it, and the decision is read back from {@code triage.reviews}.
 * The worklist's screenshot is kept in {@code target/browser-artifacts/}.
 */
class ReviewConsoleDemoIT {

    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts");
    private static final Pattern CONSOLE = Pattern.compile(
            "Review console\\s+(http://\\S+/)\\s+sign in as (\\S+), password (\\S+)");
    private static final Pattern KAFKA = Pattern.compile("Kafka \\(in-JVM KRaft\\)\\s+(\\S+)");
    private static final Pattern REGISTRY = Pattern.compile("Schema registry\\s+(\\S+)");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final int EVENTS = 4;

    private final StringWriter output = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private Thread demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.interrupt();
            demo.join(Duration.ofMinutes(1).toMillis());
        }
    }

    @Test
    void aReviewerOpensThePrintedUrlSeesDraftsArriveAndAcceptsOneWrittenToTheReviewsTopic() throws Exception {
        // given the demo, publishing one event every 4 s, with its review console
        startDemo("demo", "--events", String.valueOf(EVENTS), "--profile", "instant", "--metrics-port", "0",
                "--console-port", "0", "--pace-ms", "4000", "--timeout-s", "180");
        Matcher console = awaitOutput(CONSOLE);
        String bootstrap = awaitOutput(KAFKA).group(1);
        String registry = awaitOutput(REGISTRY).group(1);

        String accepted;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // when the reviewer opens the printed URL and signs in as printed
            browser.open(console.group(1));
            browser.waitFor("#username");
            browser.type("#username", console.group(2));
            browser.type("#password", console.group(3));
            browser.click("#login-submit");
            browser.waitForText("#connection", "live");
            browser.waitForText("#reviewer", console.group(2));
            assertThat(browser.text("#disclaimer")).contains("not a diagnosis");

            // then drafts arrive on the open page, one after another, without a reload
            browser.waitUntil("a first draft", driver -> browser.all("#worklist tr[data-sop]").size() >= 1);
            int first = browser.all("#worklist tr[data-sop]").size();
            browser.waitUntil("every draft", driver -> browser.all("#worklist tr[data-sop]").size() == EVENTS,
                    Duration.ofMinutes(2));
            assertThat(first).as("drafts seen before the last arrived").isLessThan(EVENTS);

            // when the reviewer opens the most urgent draft and accepts it
            List<String> sops = browser.attributes("#worklist tr[data-sop]", "data-sop");
            String sop = sops.get(0);
            accepted = sop;
            browser.click("#worklist tr[data-sop='" + sop + "']");
            browser.waitForText("#detail", "SIMULATED");
            // the image is the model's input, rebuilt from the event through the pipeline's stages
            browser.waitUntil("the preprocessed 896x896 image", driver -> Long.valueOf(896).equals(browser.script(
                    "const image = document.querySelector('#detail-image');"
                            + " return image && image.complete ? image.naturalWidth : 0;")), Duration.ofSeconds(30));
            browser.click("#action-accept");

            // then the worklist shows the decision
            browser.waitUntil("the decision on the row", driver -> "ACCEPT".equals(
                    browser.attributes("#worklist tr[data-sop='" + sop + "']", "data-decision").get(0)));
            Files.createDirectories(ARTIFACTS);
            browser.screenshot(ARTIFACTS.resolve("review-console-demo.png"));
            assertThat(browser.consoleErrors()).isEmpty();
        }

        // and exactly one decision for that image is on triage.reviews, by the signed-in reviewer
        List<ReviewDecision> decisions = decisions(bootstrap, registry).stream()
                .filter(decision -> decision.getSopInstanceUid().equals(accepted)).toList();
        assertThat(decisions).hasSize(1);
        ReviewDecision decision = decisions.get(0);
        assertThat(decision.getDecision()).isEqualTo(Decision.ACCEPT);
        assertThat(decision.getReviewer()).isEqualTo(console.group(2));
        assertThat(decision.getDecisionId()).isNotNull();
        assertThat(ARTIFACTS.resolve("review-console-demo.png")).isNotEmptyFile();
    }

    private void startDemo(String... args) {
        demo = new Thread(() -> {
            CommandLine triage = TriageDevstackCli.commandLine();
            PrintWriter writer = new PrintWriter(new SynchronizedWriter(output), true);
            triage.setOut(writer);
            triage.setErr(writer);
            exit.set(triage.execute(args));
        }, "review-console-demo");
        demo.setDaemon(true);
        demo.start();
    }

    private Matcher awaitOutput(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(outputSoFar());
            if (matcher.find()) {
                return matcher;
            }
            assertThat(demo.isAlive()).as("the demo ended early (exit %d):%n%s", exit.get(), outputSoFar()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the demo never printed " + pattern + ":\n" + outputSoFar());
    }

    private String outputSoFar() {
        synchronized (output) {
            return output.toString();
        }
    }

    private static List<ReviewDecision> decisions(String bootstrap, String registry) {
        SpecificAvroSerde<ReviewDecision> serde = new SpecificAvroSerde<>(ReviewDecision.class);
        serde.configure(Map.of("schema.registry.url", registry), false);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "review-console-demo-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ReviewDecision> decisions = new ArrayList<>();
        try (KafkaConsumer<String, ReviewDecision> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of("triage.reviews"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && decisions.isEmpty()) {
                for (ConsumerRecord<String, ReviewDecision> record : consumer.poll(Duration.ofMillis(500))) {
                    decisions.add(record.value());
                }
            }
            // One more poll: a second copy of the decision would be right behind the first.
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> decisions.add(record.value()));
        }
        return decisions;
    }

    /** Output written by the demo's threads and read by the test's. */
    private static final class SynchronizedWriter extends java.io.Writer {
        private final StringWriter target;

        SynchronizedWriter(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            synchronized (target) {
                target.write(chars, offset, length);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
        }
    }
}
