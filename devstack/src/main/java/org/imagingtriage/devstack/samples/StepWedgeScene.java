package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;

/**
 * A test object rather than anatomy: a greyscale step wedge, line pairs of rising frequency and
 * a ruler. Useful to see what the letterbox and resampling do to a tall, narrow image.
 */
final class StepWedgeScene implements GreyScene {

    private static final int STEPS = 11;
    private static final double TOP = 0.08;
    private static final double BOTTOM = 0.96;

    private final double aspect;

    StepWedgeScene(double aspect) {
        this.aspect = aspect;
    }

    @Override
    public double greyAt(double x, double y) {
        if (y < TOP || y > BOTTOM) {
            return 0.08;
        }
        double along = (y - TOP) / (BOTTOM - TOP);
        double u = x / aspect;
        if (u < 0.08) {
            // Ruler: a tick every twentieth, longer every fifth.
            double tick = band(along * 20, Math.rint(along * 20), 0.08, 0.02);
            boolean major = Math.floorMod((int) Math.rint(along * 20), 5) == 0;
            return u < (major ? 0.07 : 0.04) ? 0.08 + 0.8 * tick : 0.08;
        }
        if (u < 0.55) {
            int step = Math.min(STEPS - 1, (int) (along * STEPS));
            return 0.05 + 0.9 * step / (STEPS - 1);
        }
        if (u > 0.62 && u < 0.92) {
            // Line pairs: from 4 to 60 cycles over the height.
            double cycles = 4 + 56 * along;
            return Math.sin(2 * Math.PI * cycles * along) > 0 ? 0.85 : 0.15;
        }
        return 0.08;
    }
}
