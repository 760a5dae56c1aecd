package org.imagingtriage.topology.imaging.preprocess;

import java.util.List;

/**
 * The three CT windows MedGemma was shown in training, one per colour channel (DESIGN.md,
 * "MedGemma preprocessing facts"): R -1024..1024 HU (everything from air to dense bone), G
 * -135..215 HU (soft tissue) and B 0..80 HU (brain).
 *
 * <p>Each range is given by its bounds, so it maps with the LINEAR_EXACT function (PS3.3
 * C.11.2.1.3.2) at {@code c = (lower + upper) / 2}, {@code w = upper - lower}: a value at or below
 * the lower bound is 0, at or above the upper bound 255, and linear between,
 * {@code 255 * (hu - lower) / (upper - lower)}. That is c/w 0/2048, 40/350 and 40/80. LINEAR's
 * half-pixel form would move each bound by half a unit, which is meaningless for HU.
 */
final class CtWindows {

    /** Lower and upper bounds in HU of one channel's window. */
    record HuRange(double lower, double upper) {

        double center() {
            return (lower + upper) / 2;
        }

        double width() {
            return upper - lower;
        }

        VoiTransform transform() {
            return WindowFunctions.linearExact(center(), width());
        }
    }

    static final HuRange RED = new HuRange(-1024, 1024);
    static final HuRange GREEN = new HuRange(-135, 215);
    static final HuRange BLUE = new HuRange(0, 80);

    /** R, G, B in channel order. */
    static final List<HuRange> CHANNELS = List.of(RED, GREEN, BLUE);

    static final String MODALITY = "CT";

    private CtWindows() {
    }
}
