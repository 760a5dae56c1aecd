package org.imagingtriage.devstack.samples;

/** A scene without colour: radiographs, CT, MR. Brighter means denser, as MONOCHROME2 shows it. */
interface GreyScene extends Scene {

    /** The grey at (x, y), from 0 (black) to 1 (white). */
    double greyAt(double x, double y);

    @Override
    default void colourAt(double x, double y, double[] rgb) {
        double grey = greyAt(x, y);
        rgb[0] = grey;
        rgb[1] = grey;
        rgb[2] = grey;
    }
}
