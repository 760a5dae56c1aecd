package org.imagingtriage.devstack.samples;

/**
 * The few geometric primitives the phantoms are built from. Edges are soft (a smoothstep over a
 * given width) so that shapes do not alias into staircases when drawn small.
 */
final class Shapes {

    private Shapes() {
    }

    /** Where (x, y) lies relative to an axis-aligned ellipse: below 1 inside, 1 on the edge. */
    static double ellipseRadius(double x, double y, double centreX, double centreY, double radiusX, double radiusY) {
        double dx = (x - centreX) / radiusX;
        double dy = (y - centreY) / radiusY;
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** 1 well inside an ellipse ({@code radius} from {@link #ellipseRadius}), 0 outside, soft over {@code edge}. */
    static double inside(double radius, double edge) {
        return 1 - smoothstep(1 - edge, 1, radius);
    }

    /** 1 where {@code value} is within {@code halfWidth} of {@code centre}, fading to 0 over {@code edge}. */
    static double band(double value, double centre, double halfWidth, double edge) {
        return 1 - smoothstep(halfWidth, halfWidth + edge, Math.abs(value - centre));
    }

    /** 0 below {@code from}, 1 above {@code to}, a smooth S between. */
    static double smoothstep(double from, double to, double value) {
        double t = clamp((value - from) / (to - from));
        return t * t * (3 - 2 * t);
    }

    static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /** {@code from} at t = 0, {@code to} at t = 1. */
    static double mix(double from, double to, double t) {
        return from + (to - from) * t;
    }
}
