package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;
import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;

import java.util.Random;

/** A frontal knee radiograph: soft tissue, femur with condyles, joint space, tibia, fibula, patella. */
final class KneeScene implements GreyScene {

    private final ValueNoise texture;
    private final double centreX;

    KneeScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public double greyAt(double x, double y) {
        double u = x - centreX;
        double softTissue = band(u, 0, 0.30 + 0.04 * Math.exp(-sq((y - 0.5) / 0.2)), 0.02);
        double femur = Math.max(
                band(u, 0, 0.10 + 0.06 * sq(y / 0.42), 0.006) * (1 - Shapes.smoothstep(0.40, 0.42, y)),
                inside(ellipseRadius(Math.abs(u), y, 0.085, 0.42, 0.095, 0.075), 0.08));
        double tibiaWidth = y < 0.75 ? 0.19 - 0.10 * (y - 0.53) / 0.22 : 0.09;
        double tibia = band(u, 0, tibiaWidth, 0.006) * Shapes.smoothstep(0.52, 0.53, y);
        double fibula = band(u, 0.17, 0.03, 0.006) * Shapes.smoothstep(0.58, 0.60, y);
        double patella = inside(ellipseRadius(u, y, 0, 0.40, 0.065, 0.07), 0.2);
        double bone = Math.max(Math.max(femur, tibia), fibula);
        double trabeculae = texture.fractal(x * 25, y * 25, 3);
        double grey = 0.05 + 0.30 * softTissue;
        grey += bone * (0.38 + 0.12 * trabeculae);
        grey += 0.07 * patella;
        return grey;
    }

    private static double sq(double value) {
        return value * value;
    }
}
