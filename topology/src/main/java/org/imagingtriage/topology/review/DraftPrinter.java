package org.imagingtriage.topology.review;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.topology.console.TerminalText;

/**
 * Prints drafts compactly for a reviewer's terminal, one block per draft:
 *
 * <pre>
 * URGENT    STAT     CR  1.2.826.0.1.3680043.10.1082.7  SIMULATED (Triton simulator output, not a finding)
 *   critical: pneumothorax
 *   | Large left pneumothorax with mediastinal shift.
 *   | (2 more lines)
 *   latency ms: end-to-end 2150, feed-to-pipeline 12, preprocess 85, inference 2010
 *   model: medgemma-4b-it version 1
 *   disclaimer: AI-generated draft, not a diagnosis: a qualified clinician must review it.
 * </pre>
 *
 * Every draft carries its disclaimer; one without is printed with ours. Everything the record
 * holds is untrusted text and goes through {@link TerminalText}.
 */
public final class DraftPrinter {

    /** Printed when a draft arrives without its own disclaimer: it must never be shown bare. */
    public static final String FALLBACK_DISCLAIMER =
            "AI-generated draft, not a diagnosis: a qualified clinician must review it.";
    static final String SIMULATED_MARK = "SIMULATED (Triton simulator output, not a finding)";
    private static final int LINE_CHARS = 160;
    /** Disclaimers are a sentence or two; a cap only guards against a record full of text. */
    private static final int DISCLAIMER_CHARS = 400;

    private final PrintWriter out;
    private final int textLines;

    /**
     * @param textLines lines of the draft text to print; the rest is counted, not shown
     */
    public DraftPrinter(PrintWriter out, int textLines) {
        this.out = Objects.requireNonNull(out, "out");
        if (textLines < 0) {
            throw new IllegalArgumentException("textLines must not be negative");
        }
        this.textLines = textLines;
    }

    public void print(ArrivedDraft arrived) {
        DraftFinding draft = arrived.draft();
        Provenance provenance = draft.getProvenance();
        out.printf(Locale.ROOT, "%-9s %-8s %-3s %s%s%n", draft.getUrgency(), draft.getPriority(),
                safe(draft.getModality()), safe(draft.getSopInstanceUid()),
                provenance.getSimulated() ? "  " + SIMULATED_MARK : "");
        List<String> findings = draft.getCriticalFindings();
        out.println("  critical: " + (findings.isEmpty() ? "none named"
                : safe(String.join(", ", findings))));
        printText(draft.getDraftText());
        Latency latency = draft.getLatency();
        out.printf(Locale.ROOT, "  latency ms: end-to-end %d, feed-to-pipeline %d, preprocess %d, inference %d%n",
                latency.getEndToEndMs(), latency.getFeedToPipelineMs(), latency.getPreprocessMs(),
                latency.getInferenceMs());
        out.println("  model: " + safe(provenance.getModelName()) + " version " + safe(provenance.getModelVersion()));
        String disclaimer = draft.getDisclaimer() == null || draft.getDisclaimer().isBlank()
                ? FALLBACK_DISCLAIMER : oneLine(draft.getDisclaimer());
        out.println("  disclaimer: " + TerminalText.safe(disclaimer, DISCLAIMER_CHARS));
        out.println();
        out.flush();
    }

    /** A record that is not a readable draft: where it is, and why, so it can be found and fixed. */
    public void undeserializable(String topic, int partition, long offset, Exception failure) {
        out.println(TerminalText.safe(String.format(Locale.ROOT,
                "skipped record %s partition %d offset %d: not a readable draft (%s: %s)", topic, partition, offset,
                failure.getClass().getSimpleName(), failure.getMessage()), 400));
        out.println();
        out.flush();
    }

    private void printText(String text) {
        List<String> lines = (text == null ? "" : text).lines().map(String::strip).filter(line -> !line.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            out.println("  | (no text)");
            return;
        }
        lines.stream().limit(textLines).forEach(line -> out.println("  | " + TerminalText.safe(line, LINE_CHARS)));
        if (lines.size() > textLines) {
            out.println("  | (" + (lines.size() - textLines) + " more line" + (lines.size() - textLines == 1 ? "" : "s")
                    + ")");
        }
    }

    private static String oneLine(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private static String safe(String text) {
        return TerminalText.safe(text, LINE_CHARS);
    }
}
