package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.List;

/** Checks shared by the records holding durations configured in milliseconds. */
final class Durations {

    private Durations() {
    }

    static Duration requirePositive(Duration value, String key) {
        if (value == null) {
            throw new TriageConfigException(key, key + " must be set");
        }
        if (value.isZero() || value.isNegative()) {
            throw new TriageConfigException(key, key + " must be positive");
        }
        return value;
    }

    static void requireAtMost(Duration smaller, String smallerKey, Duration larger, String largerKey) {
        if (smaller.compareTo(larger) > 0) {
            throw new TriageConfigException(List.of(smallerKey, largerKey), smallerKey + " ("
                    + smaller.toMillis() + ") must not exceed " + largerKey + " (" + larger.toMillis() + ")");
        }
    }
}
