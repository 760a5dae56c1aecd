package org.imagingtriage.topology.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.console.TerminalText;

/**
 * What {@code triage preprocess} made of one input: one line on stdout. Every field is either ours
 * (a reason code, numbers) or a value DICOM defines a closed vocabulary for (a known transfer syntax
 * UID, a modality code checked against the CS character set): never a free-text attribute value.
 *
 * @param reason an ImagingReason code, or empty when the input was written
 * @param transferSyntaxUid a DICOM file's transfer syntax, empty otherwise
 * @param modality a DICOM file's modality code, empty otherwise or when the header has none
 * @param dimensions the source's "WxH", empty when the file was refused before its size was known
 * @param output the written PNG, empty when refused
 */
record PreprocessOutcome(Path input, Optional<String> reason, Optional<String> transferSyntaxUid,
        Optional<String> modality, Optional<String> dimensions, Optional<Path> output) {

    PreprocessOutcome {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(output, "output");
    }

    boolean ok() {
        return reason.isEmpty();
    }

    /** path, status, reason, transfer syntax, modality, dimensions; "-" for what does not apply. */
    String line() {
        return String.join("  ", TerminalText.safe(input.toString()), ok() ? "ok" : "rejected", reason.orElse("-"),
                transferSyntaxUid.orElse("-"), modality.orElse("-"), dimensions.orElse("-"));
    }
}
