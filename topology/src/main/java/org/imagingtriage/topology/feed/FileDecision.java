package org.imagingtriage.topology.feed;

import java.util.Objects;

/**
 * What the planner decides about one file: publish it, skip it (a problem with the file), or
 * refuse it (a problem with what the operator wrote: a sidecar, a DICOM file without modality).
 * The one-shot feed collects them into a {@link FeedPlan}; the watch acts on each as it settles.
 */
public sealed interface FileDecision {

    record Publish(PlannedImage image) implements FileDecision {
        public Publish {
            Objects.requireNonNull(image, "image");
        }
    }

    record Skip(SkippedFile file) implements FileDecision {
        public Skip {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * @param displayName the image's name relative to the fed directory, for the terminal only
     * @param problem one line naming the file and, for sidecars, the key
     */
    record Refuse(String displayName, String problem) implements FileDecision {
        public Refuse {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
