package org.imagingtriage.topology.review.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.topology.console.TerminalText;
import org.imagingtriage.topology.review.ArrivedDraft;
import org.imagingtriage.topology.review.DraftPrinter;
import org.imagingtriage.topology.review.decision.DecisionDesk;
import org.imagingtriage.topology.review.decision.DecisionNotWrittenException;
import org.imagingtriage.topology.review.decision.DecisionRequest;
import org.imagingtriage.topology.review.decision.DecisionResult;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistItem;

/**
 * The worklist in a terminal, one key and Enter per action: the pending drafts most urgent first,
 * the selected one in full, and {@code a} accept, {@code e} edit, {@code r} reject, {@code n} / {@code p}
 * next and previous, a number to select, Enter to refresh, {@code q} to quit.
 *
 * <p>A key decides the draft that was on screen when the prompt appeared, never one that arrived
 * since: a newer draft of that image is refused by the desk as superseded. Decisions go through the
 * same {@link DecisionDesk} as the web console's, so they are written once per action: an action
 * whose write failed keeps its id and its draft, and pressing the same key retries it under that id
 * even if the draft has left the pending list meanwhile.
 */
public final class TerminalReviewer {

    static final int LISTED = 10;
    private static final int EDIT_MAX_LINES = 200;
    private static final String EDIT_END = ".";

    private final Worklist worklist;
    private final DecisionDesk desk;
    private final String reviewer;
    private final BufferedReader in;
    private final PrintWriter out;
    private final DraftPrinter printer;
    private final Supplier<UUID> ids;
    private final Clock clock;
    private Optional<String> selected = Optional.empty();
    /** The draft on screen when the prompt was shown: the only one a key may decide. */
    private Optional<WorklistItem> shown = Optional.empty();
    private Optional<PendingAction> failed = Optional.empty();
    private long decided;

    public TerminalReviewer(Worklist worklist, DecisionDesk desk, String reviewer, BufferedReader in, PrintWriter out,
                            Supplier<UUID> ids, Clock clock) {
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.printer = new DraftPrinter(out, Integer.MAX_VALUE);
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs until {@code q} or the end of input; returns how many decisions were recorded. */
    public long run() {
        show();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String key = line.strip().toLowerCase(Locale.ROOT);
                if (key.equals("q")) {
                    break;
                }
                act(key);
                show();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal", e);
        }
        out.println("review: " + decided + " decision(s) recorded");
        out.flush();
        return decided;
    }

    private void act(String key) throws IOException {
        List<WorklistItem> pending = pending();
        switch (key) {
            case "" -> { }
            case "n" -> move(pending, 1);
            case "p" -> move(pending, -1);
            case "a" -> decide(Decision.ACCEPT, Optional.empty());
            case "r" -> decide(Decision.REJECT, Optional.empty());
            case "e" -> edit();
            default -> select(pending, key);
        }
    }

    private void select(List<WorklistItem> pending, String key) {
        try {
            int number = Integer.parseInt(key);
            if (number >= 1 && number <= Math.min(LISTED, pending.size())) {
                selected = Optional.of(pending.get(number - 1).sopInstanceUid());
                return;
            }
        } catch (NumberFormatException e) {
            // Not a number: fall through to the help line.
        }
        out.println("? keys: a accept, e edit, r reject, n next, p previous, 1-" + LISTED
                + " select, Enter refresh, q quit");
    }

    private void move(List<WorklistItem> pending, int step) {
        if (pending.isEmpty()) {
            return;
        }
        int at = current(pending).map(pending::indexOf).orElse(0);
        selected = Optional.of(pending.get(Math.floorMod(at + step, pending.size())).sopInstanceUid());
    }

    private void edit() throws IOException {
        if (shown.isEmpty()) {
            out.println("no draft selected");
            return;
        }
        out.println("Type the corrected text; a line with a single '.' ends it:");
        out.flush();
        List<String> lines = new ArrayList<>();
        String line;
        boolean tooLong = false;
        // Read up to the '.', whatever the length, so that a long paste is never taken as keys.
        while ((line = in.readLine()) != null && !line.equals(EDIT_END)) {
            if (lines.size() < EDIT_MAX_LINES) {
                lines.add(line);
            } else {
                tooLong = true;
            }
        }
        if (tooLong) {
            out.println("edit refused: more than " + EDIT_MAX_LINES + " lines");
            return;
        }
        String text = String.join("\n", lines).strip();
        if (text.isEmpty()) {
            out.println("edit cancelled: the text is empty");
            return;
        }
        decide(Decision.EDIT, Optional.of(text));
    }

    private void decide(Decision decision, Optional<String> editedText) {
        // A failed action is retried on its own draft, even if that has left the pending list.
        Optional<PendingAction> retry = failed.filter(action -> action.matches(decision, editedText));
        String sop;
        UUID eventId;
        UUID decisionId;
        if (retry.isPresent()) {
            sop = retry.get().sopInstanceUid();
            eventId = retry.get().eventId();
            decisionId = retry.get().decisionId();
        } else if (shown.isPresent()) {
            sop = shown.get().sopInstanceUid();
            eventId = shown.get().eventId();
            decisionId = ids.get();
        } else {
            out.println("no draft selected");
            return;
        }
        DecisionResult result;
        try {
            result = desk.decide(new DecisionRequest(decisionId, sop, eventId, decision, editedText, reviewer));
        } catch (DecisionNotWrittenException e) {
            failed = Optional.of(new PendingAction(sop, eventId, decision, editedText, decisionId));
            out.println("NOT RECORDED: " + TerminalText.safe(e.getMessage(), 300) + " (press the same key to retry)");
            return;
        } catch (IllegalArgumentException e) {
            out.println("refused: " + TerminalText.safe(e.getMessage(), 300));
            return;
        }
        failed = Optional.empty();
        switch (result.outcome()) {
            case RECORDED, ALREADY_RECORDED -> {
                decided++;
                out.println(decision + " recorded for " + TerminalText.safe(sop, 64));
                selected = Optional.empty();
            }
            case ALREADY_DECIDED -> out.println("not recorded: this draft already has a decision");
            case SUPERSEDED -> out.println("not recorded: a newer draft of this image arrived; review that one");
            case UNKNOWN_DRAFT -> out.println("not recorded: the draft is no longer on the worklist");
        }
    }

    private void show() {
        List<WorklistItem> pending = pending();
        out.println();
        out.printf(Locale.ROOT, "== worklist: %d pending, %d decided (reviewer %s) ==%n", pending.size(),
                worklist.size() - pending.size(), TerminalText.safe(reviewer, 64));
        shown = current(pending);
        if (pending.isEmpty()) {
            out.println("   no draft awaits review; Enter refreshes, q quits");
            out.flush();
            return;
        }
        Optional<WorklistItem> current = current(pending);
        for (int i = 0; i < Math.min(LISTED, pending.size()); i++) {
            WorklistItem item = pending.get(i);
            DraftFinding draft = item.draft();
            out.printf(Locale.ROOT, "%s%2d  %-9s %-8s %-3s %-9s %s%n",
                    current.filter(item::equals).isPresent() ? ">" : " ", i + 1, draft.getUrgency(),
                    draft.getPriority(), TerminalText.safe(draft.getModality(), 8), age(draft),
                    TerminalText.safe(draft.getSopInstanceUid(), 64));
        }
        if (pending.size() > LISTED) {
            out.println("    ... and " + (pending.size() - LISTED) + " more");
        }
        out.println();
        current.ifPresent(item -> printer.print(new ArrivedDraft(item.draft(), "worklist", 0, 0, item.arrival())));
        out.print("[a]ccept [e]dit [r]eject [n]ext [p]rev [1-" + Math.min(LISTED, pending.size())
                + "] select, Enter refresh, [q]uit > ");
        out.flush();
    }

    private String age(DraftFinding draft) {
        Duration age = Duration.between(draft.getLatency().getDraftedAt(), clock.instant());
        if (age.isNegative() || age.toMinutes() < 1) {
            return "new";
        }
        return age.toHours() < 1 ? age.toMinutes() + " min" : age.toHours() < 48 ? age.toHours() + " h"
                : age.toDays() + " d";
    }

    /** The selected draft while it is still pending; otherwise the most urgent one. */
    private Optional<WorklistItem> current(List<WorklistItem> pending) {
        Optional<WorklistItem> chosen = selected.flatMap(sop -> pending.stream()
                .filter(item -> item.sopInstanceUid().equals(sop)).findFirst());
        return chosen.isPresent() ? chosen : pending.stream().findFirst();
    }

    private List<WorklistItem> pending() {
        return worklist.snapshot().stream().filter(item -> !item.decided()).toList();
    }

    /** An action whose write failed, kept so that the same key (and text) retries it, on its draft, under its id. */
    private record PendingAction(String sopInstanceUid, UUID eventId, Decision decision, Optional<String> editedText,
                                 UUID decisionId) {

        boolean matches(Decision wanted, Optional<String> text) {
            return wanted == decision && text.equals(editedText);
        }
    }
}
