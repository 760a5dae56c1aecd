package org.imagingtriage.devstack.samples;

import static org.imagingtriage.devstack.samples.Shapes.ellipseRadius;
import static org.imagingtriage.devstack.samples.Shapes.inside;
import static org.imagingtriage.devstack.samples.Shapes.mix;

import java.util.Random;

/**
 * A dermatoscopy-like photograph: textured skin, a pigmented lesion with an irregular border and
 * a darker network, the dark round field of the dermatoscope around it.
 */
final class SkinLesionScene implements Scene {

    private static final double[] SKIN = {0.88, 0.70, 0.60};
    private static final double[] PIGMENT = {0.42, 0.26, 0.17};

    private final ValueNoise texture;
    private final double centreX;

    SkinLesionScene(Random random, double aspect) {
        this.texture = new ValueNoise(random);
        this.centreX = aspect / 2;
    }

    @Override
    public void colourAt(double x, double y, double[] rgb) {
        double field = inside(ellipseRadius(x, y, centreX, 0.5, 0.49, 0.49), 0.06);
        if (field == 0) {
            rgb[0] = 0;
            rgb[1] = 0;
            rgb[2] = 0;
            return;
        }
        double dx = x - centreX - 0.03;
        double dy = y - 0.52;
        double distance = Math.hypot(dx, dy) + 1e-9;
        // The border wanders: its radius follows noise sampled around a unit circle, at the
        // direction's cosine and sine (no trigonometry needed per pixel).
        double border = 0.20 * (0.85 + 0.35 * texture.at(3 + 2 * dx / distance, 3 + 2 * dy / distance));
        double lesion = inside(distance / border, 0.18);
        double skinShade = 0.94 + 0.10 * texture.fractal(x * 6, y * 6, 2);
        double network = lesion > 0 ? texture.fractal(x * 30, y * 30, 2) : 0;
        double core = inside(distance / (border * 0.5), 0.6);
        for (int channel = 0; channel < 3; channel++) {
            double skin = SKIN[channel] * skinShade;
            double pigment = PIGMENT[channel] * (0.75 + 0.4 * network) * (1 - 0.35 * core);
            rgb[channel] = field * mix(skin, pigment, lesion);
        }
    }
}
