package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;
import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;

import java.util.Random;

/** An axial head CT slice in a brain window: round head, bright skull ring, brain, ventricles, the table. */
final class HeadCtScene implements GreyScene {

    private final ValueNoise texture;
    private final double centreX;

    HeadCtScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public double greyAt(double x, double y) {
        double table = band(y, 0.93, 0.008, 0.004) * band(x, centreX, 0.40, 0.02);
        double r = ellipseRadius(x, y, centreX, 0.47, 0.35, 0.41);
        if (r > 1.02) {
            return 0.30 * table;
        }
        double head = inside(r, 0.02);
        double skull = band(r, 0.925, 0.03, 0.008);
        double brain = inside(r, 0.1) * (1 - skull);
        double ventricles = inside(ellipseRadius(Math.abs(x - centreX), y, 0.045, 0.45, 0.028, 0.085), 0.3);
        double greyWhite = texture.fractal(x * 10, y * 10, 3);
        double grey = 0.36 * head;
        grey += brain * (0.06 + 0.05 * greyWhite - 0.28 * ventricles);
        grey += 0.60 * skull;
        return grey;
    }
}
