package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;
import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;

import java.util.Random;

/** A frontal chest radiograph: body outline, dark lungs with vessel markings, heart, spine, ribs, clavicles. */
final class ChestScene implements GreyScene {

    private static final int RIBS = 9;
    private static final double FIRST_RIB = 0.19;
    private static final double RIB_SPACING = 0.056;
    /** How far ribs drop towards the sides: they run obliquely downwards from the spine. */
    private static final double RIB_CURVE = 0.9;

    private final ValueNoise texture;
    private final double centreX;

    ChestScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public double greyAt(double x, double y) {
        double u = x - centreX;
        double body = inside(ellipseRadius(u, y, 0, 0.62, 0.41, 0.64), 0.03);
        if (body == 0) {
            return 0.04;
        }
        double side = Math.abs(u);
        double heart = inside(ellipseRadius(u, y, 0.045, 0.62, 0.13, 0.13), 0.15);
        // Paired organs are drawn once, mirrored: |u| folds the left half onto the right.
        double lungs = inside(ellipseRadius(side, y, 0.17, 0.44, 0.125, 0.30), 0.08) * (1 - heart);
        double grey = 0.46;
        if (lungs > 0) {
            // Air is dark; vessels branch out from the hila as brighter streaks.
            double markings = texture.fractal(x * 14, y * 14, 3);
            grey -= lungs * (0.30 - 0.10 * markings);
        }
        double spine = band(u, 0, 0.032, 0.01);
        grey += 0.12 * spine;
        grey += 0.13 * ribs(side, y) * (1 - spine);
        grey += 0.15 * clavicles(side, y);
        return body * grey + (1 - body) * 0.04;
    }

    private static double ribs(double side, double y) {
        if (side < 0.035 || side > 0.30) {
            return 0;
        }
        double drop = RIB_CURVE * side * side;
        int nearest = (int) Math.round((y - FIRST_RIB - drop) / RIB_SPACING);
        if (nearest < 0 || nearest >= RIBS) {
            return 0;
        }
        return band(y, FIRST_RIB + drop + nearest * RIB_SPACING, 0.010, 0.004);
    }

    private static double clavicles(double side, double y) {
        if (side < 0.03 || side > 0.22) {
            return 0;
        }
        return band(y, 0.16 - 0.12 * side, 0.011, 0.004);
    }
}
