package org.imagingtriage.topology.feed;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.imagingtriage.topology.console.TerminalText;

/**
 * The folder feed's terminal output: the operator's own file names (relative to the fed
 * directory) appear here, and only here; logs and events never carry them.
 */
public final class FeedConsole {

    private final PrintWriter out;

    public FeedConsole(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    void plan(FeedPlan plan, int passes, boolean dryRun) {
        out.printf(Locale.ROOT, "%s %d image(s) from %s: %d inline, %d by reference, %s%s; %d file(s) skipped%n",
                dryRun ? "dry run over" : "feeding", plan.images().size(),
                TerminalText.safe(plan.directory().toString()),
                plan.count(PayloadKind.INLINE), plan.count(PayloadKind.REFERENCE), bytes(plan.totalBytes()),
                passes == 1 ? "" : " per pass, " + passes + " passes", plan.skipped().size());
        out.flush();
    }

    void watching(Path directory, WatchSettings settings) {
        out.printf(Locale.ROOT, "watching %s%s: each new image is published once unchanged for %.1f s; %s; "
                        + "Ctrl-C to stop%n", TerminalText.safe(directory.toString()),
                settings.recursive() ? " and its subdirectories" : "", settings.settle().toMillis() / 1000.0,
                settings.skipExisting() ? "images already there are skipped" : "images already there go first");
        out.flush();
    }

    void skipped(SkippedFile file) {
        line("skipped  ", file.describe());
    }

    void warning(String text) {
        line("warning  ", text);
    }

    void referenceWarning(PlannedImage planned, String problem) {
        line("warning  ", planned.image().displayName() + " goes by reference, but " + problem);
    }

    void failed(FailedFile file) {
        line("FAILED   ", file.displayName() + ": " + file.reason());
    }

    void published(PlannedImage planned, String topic, int partition, long offset) {
        line("published", String.format(Locale.ROOT, "%s -> %s[%d]@%d (%s, %s)", planned.image().displayName(),
                topic, partition, offset, kind(planned.payloadKind()), bytes(planned.image().sizeBytes())));
    }

    void wouldPublish(PlannedImage planned, String topic) {
        ImageMetadata metadata = planned.metadata();
        line("would publish", String.format(Locale.ROOT, "%s  %s %s %s  %s %s %s -> %s",
                planned.image().displayName(), planned.image().format(), bytes(planned.image().sizeBytes()),
                kind(planned.payloadKind()), metadata.modality(), metadata.bodyPart().orElse("-"),
                metadata.priority(), topic));
    }

    void progress(long acknowledged, long total, long acknowledgedBytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        line("progress ", String.format(Locale.ROOT, "%d/%d acknowledged, %s, %.1f images/s, %s/s, %.1f s",
                acknowledged, total, bytes(acknowledgedBytes), acknowledged / seconds,
                bytes((long) (acknowledgedBytes / seconds)), seconds));
    }

    void summary(FeedSummary summary) {
        if (summary.dryRun()) {
            out.printf(Locale.ROOT, "dry run: would publish %d event(s) (%d inline, %d by reference; %s), "
                            + "skip %d file(s); nothing was sent%n", summary.published(), summary.publishedInline(),
                    summary.publishedByReference(), bytes(summary.publishedBytes()), summary.skipped().size());
        } else {
            out.printf(Locale.ROOT, "done in %.1f s: %d of %d event(s) published (%d inline, %d by reference; %s), "
                            + "%d file(s) skipped, %d failed%s%n", summary.elapsed().toMillis() / 1000.0,
                    summary.published(), summary.planned(), summary.publishedInline(),
                    summary.publishedByReference(), bytes(summary.publishedBytes()), summary.skipped().size(),
                    summary.failed().size(), summary.notSent() == 0 ? "" : ", " + summary.notSent() + " not sent");
        }
        summary.skipped().forEach(file -> out.println("  skipped " + TerminalText.safe(file.describe())));
        summary.failed().forEach(file -> out.println("  failed  "
                + TerminalText.safe(file.displayName() + ": " + file.reason())));
        summary.abortReason().ifPresent(reason -> out.println("  stopped early: " + reason));
        if (summary.refusedReferences() > 0) {
            out.println("  warning: " + summary.refusedReferences() + " reference(s) the pipeline would dead-letter "
                    + "with this configuration (see the warnings above)");
        }
        out.flush();
    }

    private void line(String label, String text) {
        // File names and exception messages are untrusted text: no control characters reach the terminal.
        out.println(label + " " + TerminalText.safe(text));
        out.flush();
    }

    private static String kind(PayloadKind kind) {
        return kind == PayloadKind.INLINE ? "inline" : "by reference";
    }

    /** 812 B, 12.3 KiB, 4.5 MiB, 1.2 GiB. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
