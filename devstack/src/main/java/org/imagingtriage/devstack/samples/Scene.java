package org.imagingtriage.devstack.samples;

/**
 * A picture as a function of position, so that one phantom draws at any size. y runs from 0
 * (top) to 1 (bottom) and x from 0 to the aspect ratio (width / height), so circles stay round
 * whatever the image's shape.
 */
interface Scene {

    /** Writes the colour at (x, y) into {@code rgb}, each channel from 0 (black) to 1 (brightest). */
    void colourAt(double x, double y, double[] rgb);
}
