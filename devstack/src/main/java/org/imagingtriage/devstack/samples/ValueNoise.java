package org.imagingtriage.devstack.samples;

import java.util.Random;

/**
 * Smooth pseudo-random texture (value noise): random values on an integer lattice, interpolated
 * smoothly between. Cheap enough to evaluate per pixel of a five-megapixel image, and fixed by
 * the {@link Random} it is built from, so samples stay reproducible.
 */
final class ValueNoise {

    /** Lattice period; a power of two so wrapping is a mask. Features repeat every 64 units. */
    private static final int PERIOD = 64;
    private static final int MASK = PERIOD - 1;

    private final float[] lattice = new float[PERIOD * PERIOD];

    ValueNoise(Random random) {
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = random.nextFloat();
        }
    }

    /** Noise in [0, 1] with features about one unit across. */
    double at(double x, double y) {
        double floorX = Math.floor(x);
        double floorY = Math.floor(y);
        int x0 = (int) floorX & MASK;
        int y0 = (int) floorY & MASK;
        int x1 = (x0 + 1) & MASK;
        int y1 = (y0 + 1) & MASK;
        double tx = fade(x - floorX);
        double ty = fade(y - floorY);
        double top = Shapes.mix(value(x0, y0), value(x1, y0), tx);
        double bottom = Shapes.mix(value(x0, y1), value(x1, y1), tx);
        return Shapes.mix(top, bottom, ty);
    }

    /** {@code octaves} layers, each twice as fine and half as strong: a cloudy texture in [0, 1]. */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double weight = 1;
        double totalWeight = 0;
        double scale = 1;
        for (int octave = 0; octave < octaves; octave++) {
            // The offset keeps octaves from sharing lattice points, which would show as a grid.
            sum += weight * at(x * scale + octave * 17.3, y * scale + octave * 31.7);
            totalWeight += weight;
            weight /= 2;
            scale *= 2;
        }
        return sum / totalWeight;
    }

    private double value(int x, int y) {
        return lattice[y * PERIOD + x];
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }
}
