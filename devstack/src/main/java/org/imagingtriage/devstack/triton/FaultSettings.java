package org.imagingtriage.devstack.triton;

/**
 * Faults a simulator starts with; {@link FaultInjector} changes them while it runs.
 *
 * @param errorRate   fraction of requests, in [0, 1], whose execution fails with INTERNAL
 *                    (drawn per request from the simulator's seeded random source)
 * @param unavailable start inside an UNAVAILABLE window: every RPC fails until it is ended
 */
public record FaultSettings(double errorRate, boolean unavailable) {

    public static final FaultSettings NONE = new FaultSettings(0, false);

    public FaultSettings {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be in [0, 1] but was " + errorRate);
        }
    }

    public FaultSettings withErrorRate(double rate) {
        return new FaultSettings(rate, unavailable);
    }

    public FaultSettings withUnavailable(boolean value) {
        return new FaultSettings(errorRate, value);
    }
}
