package org.imagingtriage.topology.review.decision;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.imagingtriage.contract.Decision;

/**
 * One reviewer action on one draft, as the console or the terminal received it.
 *
 * @param decisionId made once per action by the reviewer's client and kept across its retries
 * @param eventId the event of the draft the reviewer saw, so a decision never lands on a newer
 *     draft of the same image that the reviewer has not seen
 * @param editedText the reviewer's text, for {@link Decision#EDIT} only
 * @param reviewer who decided, from the console's identity source
 */
public record DecisionRequest(UUID decisionId, String sopInstanceUid, UUID eventId, Decision decision,
                              Optional<String> editedText, String reviewer) {

    /** Report-length text with room to spare; a cap only guards the topic against a pasted novel. */
    public static final int MAX_EDITED_TEXT_CHARS = 32 * 1024;
    /** SOP Instance UIDs are at most 64 characters (PS3.5 9.1). */
    public static final int MAX_UID_CHARS = 64;
    public static final int MAX_REVIEWER_CHARS = 128;

    public DecisionRequest {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(editedText, "editedText");
        Objects.requireNonNull(reviewer, "reviewer");
        if (sopInstanceUid.isBlank() || sopInstanceUid.length() > MAX_UID_CHARS) {
            throw new IllegalArgumentException("sopInstanceUid must be 1 to " + MAX_UID_CHARS + " characters");
        }
        if (reviewer.isBlank() || reviewer.length() > MAX_REVIEWER_CHARS) {
            throw new IllegalArgumentException("the reviewer must be 1 to " + MAX_REVIEWER_CHARS + " characters");
        }
        if (decision == Decision.EDIT) {
            String text = editedText.orElse("");
            if (text.isBlank()) {
                throw new IllegalArgumentException("an EDIT needs the edited text");
            }
            if (text.length() > MAX_EDITED_TEXT_CHARS) {
                throw new IllegalArgumentException("the edited text must be at most " + MAX_EDITED_TEXT_CHARS
                        + " characters");
            }
        } else if (editedText.isPresent()) {
            throw new IllegalArgumentException("only an EDIT carries edited text");
        }
    }
}
