package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;
import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;
import static org.imagingtriage.devstack.samples.Shapes.smoothstep;

import java.util.Random;

/**
 * An axial T1-weighted head MR slice: bright scalp fat, dark skull and CSF rim, folded grey and
 * white matter, dark ventricles. Bone is dark here, unlike CT.
 */
final class HeadMrScene implements GreyScene {

    private final ValueNoise texture;
    private final double centreX;

    HeadMrScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public double greyAt(double x, double y) {
        double r = ellipseRadius(x, y, centreX, 0.5, 0.37, 0.44);
        if (r > 1.02) {
            return 0.03;
        }
        double scalp = band(r, 0.975, 0.025, 0.01);
        double skull = band(r, 0.925, 0.025, 0.008);
        double brain = inside(r, 0.12);
        double ventricles = inside(ellipseRadius(Math.abs(x - centreX), y, 0.05, 0.48, 0.03, 0.09), 0.3);
        // Gyri: a threshold through cloudy noise gives winding grey/white boundaries.
        double whiteMatter = smoothstep(0.45, 0.55, texture.fractal(x * 9, y * 9, 4));
        double grey = 0.85 * scalp + 0.06 * skull;
        grey += brain * (0.42 + 0.18 * whiteMatter - 0.40 * ventricles);
        return grey;
    }
}
