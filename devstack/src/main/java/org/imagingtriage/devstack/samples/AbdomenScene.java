package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.band;
import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;
import static org.imagingtriage.devstack.samples.Shapes.smoothstep;

import java.util.Random;

/** A supine abdominal radiograph: body, lumbar vertebrae, pelvic ring, femoral heads, liver, bowel gas. */
final class AbdomenScene implements GreyScene {

    private static final int VERTEBRAE = 6;
    private static final double VERTEBRA_PITCH = 0.095;

    private final ValueNoise texture;
    private final double centreX;

    AbdomenScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public double greyAt(double x, double y) {
        double u = x - centreX;
        double body = band(u, 0, 0.36, 0.03);
        if (body == 0) {
            return 0.04;
        }
        double grey = 0.40;
        // The patient's right is the image's left: the liver sits there.
        grey += 0.06 * inside(ellipseRadius(u, y, -0.17, 0.12, 0.20, 0.17), 0.3);
        // Bowel gas: dark blobs where cloudy noise peaks, only in the mid-abdomen.
        double gasRegion = band(y, 0.52, 0.26, 0.05) * band(u, 0, 0.26, 0.04);
        if (gasRegion > 0) {
            grey -= 0.22 * gasRegion * smoothstep(0.62, 0.68, texture.fractal(x * 7, y * 7, 3));
        }
        grey += 0.22 * vertebrae(u, y);
        grey += 0.20 * pelvis(u, y);
        return body * grey + (1 - body) * 0.04;
    }

    private static double vertebrae(double u, double y) {
        int level = (int) Math.floor((y - 0.02) / VERTEBRA_PITCH);
        if (level < 0 || level >= VERTEBRAE) {
            return 0;
        }
        double top = 0.02 + level * VERTEBRA_PITCH;
        return band(u, 0, 0.055, 0.006) * band(y, top + VERTEBRA_PITCH / 2, VERTEBRA_PITCH * 0.40, 0.004);
    }

    private static double pelvis(double u, double y) {
        if (y < 0.6) {
            return 0;
        }
        double side = Math.abs(u);
        double wings = band(ellipseRadius(side, y, 0.18, 0.78, 0.15, 0.13), 0.92, 0.07, 0.02);
        double sacrum = inside(ellipseRadius(u, y, 0, 0.74, 0.06, 0.09), 0.2);
        double femoralHeads = inside(ellipseRadius(side, y, 0.24, 0.97, 0.05, 0.05), 0.15);
        return Math.max(Math.max(wings, sacrum), femoralHeads);
    }
}
