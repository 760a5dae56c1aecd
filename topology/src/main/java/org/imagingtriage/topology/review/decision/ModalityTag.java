package org.imagingtriage.topology.review.decision;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Modality codes as metric tag values: a bounded set. A value that is not a DICOM code string, or
 * a new one beyond the cap, is tagged {@link #OTHER}, so a draft with odd text cannot explode the
 * metric's cardinality or put free text on a dashboard.
 */
final class ModalityTag {

    static final String OTHER = "OTHER";
    static final int MAX_MODALITIES = 32;
    /** CS value characters (PS3.5 6.2), without the space. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,16}");

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    String of(String modality) {
        if (modality == null || !CODE.matcher(modality).matches()) {
            return OTHER;
        }
        if (known.contains(modality)) {
            return modality;
        }
        synchronized (known) {
            if (known.size() >= MAX_MODALITIES) {
                return OTHER;
            }
            known.add(modality);
            return modality;
        }
    }
}
