package org.imagingtriage.devstack.triton;

import java.util.SplittableRandom;

/**
 * Draws execution durations from a {@link LatencyProfile}. One seeded source per model, so the
 * durations of one model do not depend on traffic to another.
 */
final class LatencyModel {

    private final LatencyProfile profile;
    private final SplittableRandom random;

    LatencyModel(LatencyProfile profile, long seed) {
        this.profile = profile;
        this.random = new SplittableRandom(seed);
    }

    synchronized long nanosForBatch(int batchUnits) {
        double nominal = profile.base().toNanos() + (double) profile.perItem().toNanos() * batchUnits;
        if (nominal == 0) {
            return 0;
        }
        double factor = profile.jitter() == 0 ? 1 : 1 + profile.jitter() * (2 * random.nextDouble() - 1);
        return Math.round(nominal * factor);
    }
}
