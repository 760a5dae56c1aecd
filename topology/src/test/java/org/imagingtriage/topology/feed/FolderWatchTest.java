package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.feed.FolderNotices.Notice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch driven step by step: the test's clock only moves when the test says, and scans come
 * when the test asks ({@link FolderWatch#scanNow()}) or when {@link ScriptedNotices} say so.
 */
@Timeout(30)
class FolderWatchTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final String EVENTS = "imaging.events";
    private static final String PRIORITY = "imaging.events.priority";

    @TempDir
    Path directory;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StringWriter console = new StringWriter();
    private final MockProducer<String, ImageEvent> producer =
            new MockProducer<>(true, null, new StringSerializer(), FeedFolders.avro());

    private FolderWatch watch(WatchSettings settings, FolderNotices notices, long inlineMaxBytes) {
        return watch(directory, settings, notices, inlineMaxBytes);
    }

    private FolderWatch watch(Path folder, WatchSettings settings, FolderNotices notices, long inlineMaxBytes) {
        try {
            ImageEventFactory events = new ImageEventFactory(FeedFolders.defaults(), UidMinter.random(),
                    Clock.systemUTC(), UUID::randomUUID);
            FeedConsole feedConsole = new FeedConsole(new PrintWriter(console, true));
            FolderFeed feed = new FolderFeed(FeedSettings.defaults(), events, new TopicRouter(EVENTS, PRIORITY),
                    ReferenceCheck.forLimits(LimitSettings.defaults()), feedConsole, nanos::get);
            return new FolderWatch(folder, settings, FeedFolders.planner(inlineMaxBytes), feed, feedConsole,
                    notices, nanos::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FolderWatch started(WatchSettings settings) {
        FolderWatch watch = watch(settings, new ScriptedNotices(nanos), 1 << 20);
        watch.start(producer);
        return watch;
    }

    private FolderWatch started() {
        return started(new WatchSettings(SETTLE, false, false));
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Scans, lets a settle period pass, scans again: what had stopped changing is published. */
    private void settleAndScan(FolderWatch watch) {
        watch.scanNow();
        elapse(SETTLE);
        watch.scanNow();
    }

    private List<String> publishedUris() {
        return producer.history().stream().map(ProducerRecord::value).map(ImageEvent::getPayload)
                .map(payload -> payload instanceof ImageRef reference ? reference.getUri() : "inline").toList();
    }

    @Test
    void aWatchedFolderThatIsALinkIsWatchedThroughIt() throws Exception {
        // given: the inbox is a symbolic link to the real folder
        Path real = Files.createDirectories(directory.resolve("real-inbox"));
        Path link = Files.createSymbolicLink(directory.resolve("inbox"), real);
        FolderWatch watch = watch(link, new WatchSettings(SETTLE, false, false), new ScriptedNotices(nanos), 1 << 20);
        watch.start(producer);

        // when: an image lands in the real folder
        FeedFolders.write(real, "chest.png", FeedFolders.png(8));
        settleAndScan(watch);
        watch.finish();

        // then
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void stoppingWithAFileNotYetSettledSaysItWasNotPublished() throws Exception {
        // given: a file seen once, still within its settle period
        FolderWatch watch = started();
        FeedFolders.write(directory, "arriving.png", FeedFolders.png(8));
        watch.scanNow();

        // when: the watch stops (Ctrl-C)
        watch.finish();

        // then: nothing was sent, and the operator is told so rather than shown a clean summary
        assertThat(producer.history()).isEmpty();
        assertThat(console.toString()).contains("1 file(s) seen but not yet complete were not published");
    }

    @Test
    void aFileThatAppearsIsPublishedOnceItHasSettledAndNeverAgain() throws Exception {
        // given a running watch over an empty folder
        FolderWatch watch = started();

        // when an image appears and the folder is scanned again and again
        FeedFolders.write(directory, "chest.png", FeedFolders.png(8));
        watch.scanNow();
        assertThat(producer.history()).as("seen once, not yet settled").isEmpty();
        elapse(SETTLE);
        watch.scanNow();
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(EVENTS);
            assertThat(record.key()).isEqualTo(record.value().getSopInstanceUid());
        });
        assertThat(summary.published()).isEqualTo(1);
        assertThat(summary.succeeded(false)).isTrue();
        assertThat(console.toString()).contains("watching ", "published chest.png -> imaging.events[0]@0",
                "1 of 1 event(s) published");
    }

    @Test
    void aFileStillGrowingIsNotPublishedUntilItHasStoppedChanging() throws Exception {
        // given a copy in progress, larger than the inline limit so it goes by reference with its size
        FolderWatch watch = watch(new WatchSettings(SETTLE, false, false), new ScriptedNotices(nanos), 0);
        watch.start(producer);
        byte[] png = FeedFolders.png(64);
        Path file = FeedFolders.write(directory, "large.png", java.util.Arrays.copyOf(png, 100));

        // when every scan a settle period apart finds it larger
        for (int written = 200; written < png.length; written += 100) {
            watch.scanNow();
            elapse(SETTLE);
            Files.write(file, java.util.Arrays.copyOfRange(png, written - 100, written), StandardOpenOption.APPEND);
        }
        watch.scanNow();
        assertThat(producer.history()).as("still growing").isEmpty();
        Files.write(file, png);
        settleAndScan(watch);
        watch.finish();

        // then it is published once, complete
        assertThat(producer.history()).singleElement().satisfies(record ->
                assertThat(((ImageRef) record.value().getPayload()).getSizeBytes()).isEqualTo(png.length));
    }

    @Test
    void aSidecarArrivingWhileItsImageSettlesIsHonoured() throws Exception {
        // given an image that has just appeared
        FolderWatch watch = started();
        FeedFolders.write(directory, "head.png", FeedFolders.png(8));
        watch.scanNow();

        // when its sidecar follows before the image has settled
        elapse(SETTLE.dividedBy(2));
        FeedFolders.write(directory, "head.png.json", "{\"modality\": \"CT\", \"priority\": \"STAT\"}");
        watch.scanNow();
        elapse(SETTLE.dividedBy(2));
        watch.scanNow();
        assertThat(producer.history()).as("the sidecar restarted the wait").isEmpty();
        elapse(SETTLE);
        watch.scanNow();
        watch.finish();

        // then the event carries the sidecar's metadata
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(PRIORITY);
            assertThat(record.value().getModality()).isEqualTo("CT");
            assertThat(record.value().getPriority()).isEqualTo(Priority.STAT);
        });
    }

    @Test
    void aSidecarArrivingAfterItsImageWasPublishedIsTooLate() throws Exception {
        // given an image published without a sidecar
        FolderWatch watch = started();
        FeedFolders.write(directory, "knee.png", FeedFolders.png(8));
        settleAndScan(watch);

        // when its sidecar comes later
        FeedFolders.write(directory, "knee.png.json", "{\"modality\": \"DX\"}");
        settleAndScan(watch);
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then the image is not published again, and the sidecar is not taken for a file of its own
        assertThat(producer.history()).singleElement()
                .satisfies(record -> assertThat(record.value().getModality()).isEqualTo("OT"));
        assertThat(summary.skipped()).isEmpty();
    }

    @Test
    void hiddenAndTemporaryFilesAreIgnoredAndAFileRenamedIntoPlaceIsPublished() throws Exception {
        // given a copy tool writing under temporary names
        FolderWatch watch = started();
        byte[] png = FeedFolders.png(8);
        Path partial = FeedFolders.write(directory, "chest.png.part", png);
        FeedFolders.write(directory, ".chest.png.abc123", png);
        FeedFolders.write(directory, "chest.png.tmp", png);
        FeedFolders.write(directory, "chest.png.filepart", png);
        FeedFolders.write(directory, ".hidden/inner.png", png);
        settleAndScan(watch);
        assertThat(producer.history()).as("temporary names are never read").isEmpty();

        // when the finished file is renamed to its real name
        Files.move(partial, directory.resolve("chest.png"));
        settleAndScan(watch);
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then it alone is published, once
        assertThat(producer.history()).hasSize(1);
        assertThat(console.toString()).contains("published chest.png ").doesNotContain(".part", ".tmp", ".abc123");
        assertThat(summary.skipped()).isEmpty();
    }

    @Test
    void filesAlreadyThereArePublishedFirstInTheOneShotFeedsOrder() throws Exception {
        // given two images before the watch starts
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedFolders.write(directory, "a.png", FeedFolders.png(9));

        // when the watch starts, and a third image comes while the first two settle
        FolderWatch watch = started();
        elapse(SETTLE.dividedBy(2));
        FeedFolders.write(directory, "0-new.png", FeedFolders.png(10));
        watch.scanNow();
        elapse(SETTLE.dividedBy(2));
        watch.scanNow();
        elapse(SETTLE);
        watch.scanNow();
        watch.finish();

        // then
        assertThat(console.toString().lines().filter(line -> line.startsWith("published")))
                .extracting(line -> line.split(" +")[1]).containsExactly("a.png", "b.png", "0-new.png");
        List<ImageEvent> events = producer.history().stream().map(ProducerRecord::value).toList();
        assertThat(events.get(0).getStudyInstanceUid()).as("settled together: one study")
                .isEqualTo(events.get(1).getStudyInstanceUid());
    }

    @Test
    void skipExistingPublishesOnlyWhatAppearsOrChangesLater() throws Exception {
        // given an image and a text file before the watch starts
        FeedFolders.write(directory, "old.png", FeedFolders.png(8));
        Path copying = FeedFolders.write(directory, "copying.png", FeedFolders.png(8));
        FeedFolders.write(directory, "notes.txt", "not an image");

        // when the watch skips them, a new image appears and the one being copied grows
        FolderWatch watch = started(new WatchSettings(SETTLE, true, false));
        FeedFolders.write(directory, "new.png", FeedFolders.png(9));
        Files.write(copying, FeedFolders.png(12));
        settleAndScan(watch);
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then
        assertThat(console.toString()).contains("images already there are skipped", "published copying.png ",
                "published new.png ").doesNotContain("old.png", "notes.txt");
        assertThat(summary.published()).isEqualTo(2);
    }

    @Test
    void aBadSidecarIsReportedAndTheWatchGoesOnAndFixingItRetriesTheImage() throws Exception {
        // given an image whose sidecar misspells a key, and a good image
        FolderWatch watch = started();
        FeedFolders.write(directory, "bad.png", FeedFolders.png(8));
        Path sidecar = FeedFolders.write(directory, "bad.png.json", "{\"bodypart\": \"CHEST\"}");
        FeedFolders.write(directory, "good.png", FeedFolders.png(8));

        // when they settle, are scanned again, then the sidecar is corrected
        settleAndScan(watch);
        elapse(SETTLE);
        watch.scanNow();
        String reported = console.toString();
        // A different length, so the change shows even where modification times are coarse.
        Files.writeString(sidecar, "{\"bodyPart\": \"CHEST\", \"modality\": \"CR\"}");
        settleAndScan(watch);
        FeedSummary summary = watch.finish();

        // then the problem was reported once, the good image published, and the fixed one after it
        assertThat(reported).containsOnlyOnce("FAILED    bad.png: bad.png.json: key bodypart: unknown key")
                .contains("published good.png ");
        assertThat(producer.history()).extracting(record -> record.value().getBodyPart())
                .containsExactly(null, "CHEST");
        assertThat(summary.failed()).hasSize(1);
    }

    @Test
    void aFileThatVanishesBeforeSettlingIsForgotten() throws Exception {
        // given an image seen once
        FolderWatch watch = started();
        Path file = FeedFolders.write(directory, "gone.png", FeedFolders.png(8));
        watch.scanNow();

        // when it is deleted before it settles
        Files.delete(file);
        elapse(SETTLE);
        watch.scanNow();
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then nothing happened
        assertThat(producer.history()).isEmpty();
        assertThat(summary.failed()).isEmpty();
        assertThat(summary.skipped()).isEmpty();
    }

    @Test
    void recursiveWatchesNewSubdirectoriesToo() throws Exception {
        // given a recursive watch
        ScriptedNotices notices = new ScriptedNotices(nanos);
        FolderWatch watch = watch(new WatchSettings(SETTLE, false, true), notices, 1 << 20);
        watch.start(producer);

        // when a subdirectory with an image appears
        FeedFolders.write(directory, "lateral/side.png", FeedFolders.png(8));
        settleAndScan(watch);
        watch.finish();

        // then the image is published and the directory is watched for notices
        assertThat(console.toString()).contains("published lateral/side.png ");
        Path root = directory.toAbsolutePath().normalize();
        assertThat(notices.watched().get(notices.watched().size() - 1)).contains(root, root.resolve("lateral"));
    }

    @Test
    void aNoticeOrAnOverflowMakesTheWatchRescanAtOnce() throws Exception {
        // given a running watch whose notices report a creation, then lose notices (overflow)
        ScriptedNotices notices = new ScriptedNotices(nanos)
                .then(() -> FeedFolders.write(directory, "first.png", FeedFolders.png(8)), Notice.CHANGED)
                .then(Notice.QUIET)
                .then(() -> FeedFolders.write(directory, "second.png", FeedFolders.png(9)), Notice.OVERFLOW)
                .then(Notice.QUIET);
        FolderWatch watch = watch(new WatchSettings(SETTLE, false, false), notices, 1 << 20);

        // when it runs until the script ends
        FeedSummary summary = watch.run(producer);

        // then each image was seen at its notice, so one quiet settle period later it was published
        assertThat(console.toString()).contains("published first.png ", "published second.png ");
        assertThat(summary.published()).isEqualTo(2);
    }

    @Test
    void withoutNoticesThePeriodicRescanStillFindsNewFiles() throws Exception {
        // given notices that never come, as on file systems whose changes are not reported
        ScriptedNotices notices = new ScriptedNotices(nanos)
                .then(() -> FeedFolders.write(directory, "quiet.png", FeedFolders.png(8)), Notice.QUIET)
                .then(Notice.QUIET)
                .then(Notice.QUIET);
        FolderWatch watch = watch(new WatchSettings(SETTLE, false, false), notices, 1 << 20);

        // when it runs
        FeedSummary summary = watch.run(producer);

        // then
        assertThat(summary.published()).isEqualTo(1);
    }

    @Test
    void cancellingEndsTheWatchAndStillPrintsTheSummary() throws Exception {
        // given a watch that is cancelled while it waits (Ctrl-C)
        ScriptedNotices notices = new ScriptedNotices(nanos);
        FolderWatch watch = watch(new WatchSettings(SETTLE, false, false), notices, 1 << 20);
        notices.then(() -> FeedFolders.write(directory, "a.png", FeedFolders.png(8)), Notice.QUIET)
                .then(Notice.QUIET)
                .then(watch::cancel, Notice.CLOSED)
                .then(Notice.QUIET);

        // when
        FeedSummary summary = watch.run(producer);

        // then
        assertThat(notices.closed()).isTrue();
        assertThat(summary.published()).isEqualTo(1);
        assertThat(summary.abortReason()).isEmpty();
        assertThat(console.toString()).contains("done in", "1 of 1 event(s) published");
    }

    @Test
    void aFileWithoutAnImageSignatureIsSkippedOnceAndReported() throws Exception {
        // given
        FolderWatch watch = started();
        FeedFolders.write(directory, "report.txt", "not an image");

        // when
        settleAndScan(watch);
        elapse(SETTLE);
        watch.scanNow();
        FeedSummary summary = watch.finish();

        // then
        assertThat(summary.skipped()).singleElement()
                .satisfies(skipped -> assertThat(skipped.reason()).isEqualTo(SkipReason.UNKNOWN_FORMAT));
        assertThat(summary.succeeded(true)).isTrue();
        assertThat(summary.succeeded(false)).isFalse();
        assertThat(publishedUris()).isEmpty();
    }
}
