package org.imagingtriage.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.tests.browser.ReviewItems.pending;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.imagingtriage.tests.browser.ReviewApiFixture.DecisionPost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The review console's real static files (index.html, login.html, console.js, console.css from the
 * topology jar) in real headless Chromium, against {@link ReviewApiFixture}, an in-memory
 * stand-in for the API. Every test also fails on any SEVERE browser console entry it did not
 * expect, so a script error or a CSP violation fails the build.
 */
class ConsolePageIT {

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts");
    private static final String ROWS = "#worklist tr[data-sop]";
    private static final String REPORT = "Findings:\nSmall left apical pneumothorax.\n\nImpression:\nPneumothorax.";

    private static HeadlessChromium browser;
    private ReviewApiFixture api;

    private final ObjectNode routine = pending("1.2.3.10", "ROUTINE", "ROUTINE", "CR", Duration.ofMinutes(40),
            "No acute cardiopulmonary abnormality.");
    private final ObjectNode uncertain = pending("1.2.3.20", "UNCERTAIN", "URGENT", "MR", Duration.ofMinutes(20),
            "Possible small effusion.");
    private final ObjectNode urgent = pending("1.2.3.30", "URGENT", "URGENT", "CT", Duration.ofMinutes(5),
            REPORT, "pneumothorax");

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopApi() {
        browser.open("about:blank"); // the page's stream must not retry against the stopped fixture
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theSnapshotShowsUrgentFirstAndLaterDraftsArriveWithoutReload() throws Exception {
        // given
        api = ReviewApiFixture.start(routine, uncertain, urgent);

        // when
        openConsole();

        // then: urgency, then priority, then longest waiting
        assertThat(browser.attributes(ROWS, "data-sop")).containsExactly("1.2.3.30", "1.2.3.20", "1.2.3.10");
        assertThat(browser.attributes(ROWS, "data-urgency")).containsExactly("URGENT", "UNCERTAIN", "ROUTINE");
        assertThat(browser.attributes(ROWS, "data-decision")).containsOnly("");
        assertThat(browser.text("#pending-count")).isEqualTo("3");
        assertThat(browser.text("#disclaimer")).isEqualTo(ReviewItems.DISCLAIMER);
        assertThat(browser.text("#reviewer")).isEqualTo("alice");
        assertThat(browser.isDisplayed("#sign-out")).as("no sign-out in header identity mode").isFalse();
        assertThat(browser.text(row("1.2.3.30"))).contains("URGENT", "CT", "pneumothorax", "5 min ago", "SIMULATED");

        // when: a STAT draft arrives on the open stream
        browser.script("window.sameDocument = true;");
        api.push(pending("1.2.3.40", "URGENT", "STAT", "CR", Duration.ofMinutes(1), "Tension pneumothorax.",
                "pneumothorax", "mediastinal shift"));

        // then: it is shown first, in the same document (no reload)
        browser.waitUntil("the pushed draft first", d -> browser.attributes(ROWS, "data-sop").equals(
                List.of("1.2.3.40", "1.2.3.30", "1.2.3.20", "1.2.3.10")));
        assertThat(browser.script("return window.sameDocument === true;")).isEqualTo(true);
        assertThat(browser.text("#pending-count")).isEqualTo("4");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aReconnectedStreamsSnapshotReplacesTheWholeList() throws Exception {
        // given: the page has the snapshot; then, unseen by it, one draft goes and one comes
        api = ReviewApiFixture.start(routine, urgent);
        openConsole();
        api.removeQuietly("1.2.3.10");
        api.replaceQuietly(uncertain);

        // when: the stream ends and EventSource connects again
        api.endStreams();

        // then: the indicator says so while EventSource waits to reconnect (about 3 s in Chromium)
        browser.waitUntil("#connection reconnecting", d -> browser.text("#connection").equals("reconnecting"));

        // then: the page reconnects and shows exactly the new snapshot
        browser.waitUntil("the new snapshot", d -> browser.attributes(ROWS, "data-sop")
                .equals(List.of("1.2.3.30", "1.2.3.20")), Duration.ofSeconds(15));
        assertThat(browser.text("#connection")).isEqualTo("live");
        assertThat(browser.text("#pending-count")).isEqualTo("2");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void filtersHideTheRowsTheyExclude() throws Exception {
        // given
        ObjectNode old = pending("1.2.3.50", "URGENT", "ROUTINE", "CT", Duration.ofHours(3), "Old draft.");
        api = ReviewApiFixture.start(routine, uncertain, urgent, old);
        openConsole();

        // when / then: urgency
        browser.select("#filter-urgency", "URGENT");
        assertThat(browser.attributes(ROWS, "data-sop")).containsExactly("1.2.3.30", "1.2.3.50");

        // when / then: age, on top of urgency
        browser.select("#filter-age", "1h");
        assertThat(browser.attributes(ROWS, "data-sop")).containsExactly("1.2.3.30");

        // when / then: modality, from the modalities present
        browser.select("#filter-urgency", "all");
        browser.select("#filter-age", "all");
        assertThat(browser.attributes("#filter-modality option", "value")).containsExactly("all", "CR", "CT", "MR");
        browser.select("#filter-modality", "MR");
        assertThat(browser.attributes(ROWS, "data-sop")).containsExactly("1.2.3.20");

        // when / then: status; nothing is decided yet
        browser.select("#filter-modality", "all");
        browser.select("#filter-status", "decided");
        assertThat(browser.all(ROWS)).isEmpty();
        assertThat(browser.text("#worklist-empty")).isEqualTo("No drafts match the filters.");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theDetailShowsTheDraftWithItsLineBreaksImageAndProvenance() throws Exception {
        // given
        api = ReviewApiFixture.start(routine, uncertain, urgent);
        openConsole();

        // when: the keyboard moves to the first row and opens it
        browser.press("j", "j", "k", Keys.ENTER);

        // then
        browser.waitFor("#detail");
        assertThat(browser.script("return document.getElementById('detail-text').textContent;")).isEqualTo(REPORT);
        assertThat(browser.text("#detail-text")).as("rendered with its line breaks")
                .isEqualTo(REPORT).contains("\n\nImpression:\n");
        assertThat(browser.script("return getComputedStyle(document.getElementById('detail-text')).whiteSpace;"))
                .isEqualTo("pre-wrap");
        browser.waitUntil("the image decoded", d -> browser.script(
                "const i = document.getElementById('detail-image'); return i.complete && i.naturalWidth === 32;"));
        assertThat(browser.text("#detail-findings")).isEqualTo("pneumothorax");
        assertThat(browser.text("#detail-disclaimer")).isEqualTo(ReviewItems.DISCLAIMER + " (item)");
        assertThat(browser.text("#detail-simulated")).isEqualTo("SIMULATED: simulator output, not a finding");
        assertThat(browser.text("#detail-provenance"))
                .contains("medgemma-4b-it version 1", "chest-xray-v3", "letterbox-896-v2",
                        ReviewItems.PROMPT_SHA256.substring(0, 12) + "…")
                .doesNotContain(ReviewItems.PROMPT_SHA256);
        assertThat(browser.attributes("#detail-provenance dd[title]", "title"))
                .containsExactly(ReviewItems.PROMPT_SHA256, ReviewItems.INPUT_SHA256);
        assertThat(browser.text("#detail-latency")).contains("12 ms", "80 ms", "2000 ms", "2150 ms");
        assertThat(browser.isDisplayed("#decision")).isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(ARTIFACTS.resolve("console-page.png"));
    }

    @Test
    void acceptPostsOneDecisionAndTheRowThenShowsIt() throws Exception {
        // given
        api = ReviewApiFixture.start(routine, urgent);
        openConsole();
        browser.click(row("1.2.3.30"));

        // when
        browser.click("#action-accept");

        // then: one request, marked and with a fresh v4 id
        browser.waitUntil("the accepted row", d -> browser.attributes(row("1.2.3.30"), "data-decision")
                .equals(List.of("ACCEPT")));
        List<DecisionPost> posts = api.decisionPosts();
        assertThat(posts).hasSize(1);
        DecisionPost post = posts.get(0);
        assertThat(post.triageRequestHeader()).isEqualTo("1");
        assertThat(post.body().path("decisionId").asText()).matches(UUID_V4);
        assertThat(post.body().path("decision").asText()).isEqualTo("ACCEPT");
        assertThat(post.body().path("sopInstanceUid").asText()).isEqualTo("1.2.3.30");
        assertThat(post.body().path("eventId").asText()).isEqualTo(urgent.path("eventId").asText());
        assertThat(post.body().path("editedText").isNull()).isTrue();

        // and: the decided row sinks below the pending one; the detail shows the decision, no actions
        assertThat(browser.attributes(ROWS, "data-sop")).containsExactly("1.2.3.10", "1.2.3.30");
        assertThat(browser.text(row("1.2.3.30"))).contains("ACCEPT by alice");
        assertThat(browser.text("#decision")).contains("ACCEPT by alice");
        assertThat(browser.isDisplayed("#action-accept")).isFalse();
        assertThat(browser.text("#pending-count")).isEqualTo("1");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void a503IsRetriedWithTheSameDecisionId() throws Exception {
        // given: Kafka unavailable for the first try
        api = ReviewApiFixture.start(uncertain);
        api.answerNextDecisions(503);
        openConsole();
        browser.click(row("1.2.3.20"));

        // when
        browser.click("#action-reject");

        // then: no second decision while the first is in flight (waiting out its back-off)
        browser.waitUntil("the first try answered", d -> api.decisionPosts().size() == 1);
        assertThat(browser.waitFor("#action-accept").isEnabled()).isFalse();
        assertThat(browser.waitFor("#action-edit").isEnabled()).isFalse();

        // then: retried after the 1 s back-off, with the same id, and recorded
        browser.waitUntil("the rejected row", d -> browser.attributes(row("1.2.3.20"), "data-decision")
                .equals(List.of("REJECT")));
        List<DecisionPost> posts = api.decisionPosts();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(posts.get(0).body().path("decisionId").asText()).matches(UUID_V4);
        assertThat(browser.text("#action-status")).isEqualTo("Recorded.");
        assertThat(browser.consoleErrors()).allMatch(ConsolePageIT::isThe503OfADecision).hasSize(1);
    }

    @Test
    void afterTheBackOffsTheReviewerRetriesWithTheSameDecisionId() throws Exception {
        // given: four unavailable answers, the first try and its three automatic retries
        api = ReviewApiFixture.start(urgent);
        api.answerNextDecisions(503, 503, 503, 503);
        openConsole();
        browser.click(row("1.2.3.30"));

        // when
        browser.click("#action-accept");

        // then: the error and a retry button, after 1 + 2 + 4 s of back-off
        browser.waitUntil("the retry button", d -> browser.isDisplayed("#action-retry"), Duration.ofSeconds(15));
        assertThat(browser.text("#action-status")).contains("Kafka is not reachable now");
        assertThat(api.decisionPosts()).hasSize(4);

        // when: the reviewer retries
        browser.click("#action-retry");

        // then
        browser.waitUntil("the accepted row", d -> browser.attributes(row("1.2.3.30"), "data-decision")
                .equals(List.of("ACCEPT")));
        assertThat(api.decisionPosts()).hasSize(5)
                .extracting(post -> post.body().path("decisionId").asText()).containsOnly(
                        api.decisionPosts().get(0).body().path("decisionId").asText());
        assertThat(browser.consoleErrors()).allMatch(ConsolePageIT::isThe503OfADecision).hasSize(4);
    }

    @Test
    void editSendsTheReviewersTextAndBlankTextIsRefused() throws Exception {
        // given
        api = ReviewApiFixture.start(urgent);
        openConsole();
        browser.click(row("1.2.3.30"));

        // when: the editor opens
        browser.click("#action-edit");

        // then: prefilled with the draft
        assertThat(browser.script("return document.getElementById('edit-text').value;")).isEqualTo(REPORT);

        // when: saved blank
        browser.type("#edit-text", "   ");
        browser.click("#edit-save");

        // then: refused in the page, nothing sent
        browser.waitForText("#action-status", "must not be blank");
        assertThat(api.decisionPosts()).isEmpty();

        // when: saved with text
        browser.type("#edit-text", "Findings:\nNo pneumothorax.");
        browser.click("#edit-save");

        // then
        browser.waitUntil("the edited row", d -> browser.attributes(row("1.2.3.30"), "data-decision")
                .equals(List.of("EDIT")));
        assertThat(api.decisionPosts()).singleElement().satisfies(post -> {
            assertThat(post.body().path("decision").asText()).isEqualTo("EDIT");
            assertThat(post.body().path("editedText").asText()).isEqualTo("Findings:\nNo pneumothorax.");
        });
        assertThat(browser.text("#decision")).contains("EDIT by alice", "Findings:\nNo pneumothorax.");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aConflictShowsTheServersErrorAndItsItem() throws Exception {
        // given: another reviewer rejected the draft and the page has not heard yet
        api = ReviewApiFixture.start(urgent);
        openConsole();
        browser.click(row("1.2.3.30"));
        api.replaceQuietly(ReviewItems.decided(urgent, "5d0c4c1e-8a5f-4c36-9d07-1a1e5c0f2b11", "REJECT", "bob", null));

        // when
        browser.click("#action-accept");

        // then
        browser.waitForText("#action-status", "Not recorded: this draft was already decided or replaced");
        assertThat(browser.text("#decision")).contains("REJECT by bob");
        assertThat(browser.attributes(ROWS, "data-decision")).containsExactly("REJECT");
        assertThat(browser.isDisplayed("#action-accept")).isFalse();
        assertThat(browser.consoleErrors()).allMatch(message -> message.contains("/api/decisions")
                && message.contains("409"));
    }

    @Test
    void aMissingImageShowsTheServersReason() throws Exception {
        // given: an item whose image the server does not have
        ObjectNode noImage = urgent.deepCopy().put("image", "/api/images/gone.png");
        api = ReviewApiFixture.start(noImage);
        openConsole();

        // when
        browser.click(row("1.2.3.30"));

        // then
        browser.waitForText("#image-status", "image unavailable: no image for this draft");
        assertThat(browser.isDisplayed("#detail-image")).isFalse();
        assertThat(browser.consoleErrors()).allMatch(message -> message.contains("/api/images/gone.png")
                && message.contains("404"));
    }

    @Test
    void signOutEndsTheSessionAndGoesToTheLoginPage() throws Exception {
        // given: login identity mode
        api = ReviewApiFixture.start(urgent);
        api.useLoginIdentity();
        openConsole();

        // when
        browser.click("#sign-out");

        // then
        browser.waitFor("#login-submit");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(api.uri("/login").toString());
        assertThat(api.logoutHeaders()).containsExactly("1");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theLoginPageShowsTheFailureOnlyAfterAFailedSignIn() throws Exception {
        // given
        api = ReviewApiFixture.start();

        // when
        browser.open(api.uri("/login").toString());

        // then
        browser.waitFor("#username");
        assertThat(browser.isDisplayed("#password")).isTrue();
        assertThat(browser.isDisplayed("#login-submit")).isTrue();
        assertThat(browser.isDisplayed("#login-error")).isFalse();

        // when
        browser.open(api.uri("/login?failed=1").toString());

        // then
        browser.waitForText("#login-error", "Unknown reviewer or wrong password");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void openConsole() {
        browser.open(api.uri("/").toString());
        browser.waitUntil("#connection live", d -> browser.text("#connection").equals("live"));
    }

    private static String row(String sop) {
        return "#worklist tr[data-sop=\"" + sop + "\"]";
    }

    private static boolean isThe503OfADecision(String consoleMessage) {
        return consoleMessage.contains("/api/decisions") && consoleMessage.contains("503");
    }
}
