package org.imagingtriage.topology.feed;

import java.util.List;

/**
 * The operator's metadata is wrong (a sidecar, a DICOM file without a modality, a UID given
 * twice): nothing is sent, so a corrected run does not publish duplicates of half a folder.
 */
public final class FeedPlanException extends Exception {

    private final List<String> problems;

    public FeedPlanException(List<String> problems) {
        super(problems.size() + " metadata problem(s), nothing was sent:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the file and, for sidecars, the key. */
    public List<String> problems() {
        return problems;
    }
}
