package org.imagingtriage.devstack.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Draws a {@link SampleImage}'s phantom into pixels of its size and type, with grain and the label. */
final class SampleRenderer {

    /**
     * Peak grain in sample levels: real detectors are never noise-free, and a perfectly smooth
     * image would compress to almost nothing and exercise nothing. Counted in levels rather than
     * as a fraction of full scale because noise in the low bits of a 12-bit image is
     * incompressible: five megapixels of it made a 7 MB PNG that took a second to write.
     */
    private static final double GRAIN_LEVELS = 3;

    private SampleRenderer() {
    }

    static BufferedImage render(SampleImage sample) {
        int width = sample.width();
        int height = sample.height();
        PixelType type = sample.pixelType();
        Random random = new Random(sample.seed());
        Scene scene = sample.phantom().scene(random, (double) width / height);
        long[] rowSeeds = random.longs(height).toArray();
        BufferedImage image = new BufferedImage(width, height, type.bufferedImageType());
        DataBuffer pixels = image.getRaster().getDataBuffer();
        // Rows are independent (scenes are immutable, each row seeds its own grain), so they are
        // drawn in parallel and the result is the same whichever thread draws which row.
        IntStream.range(0, height).parallel().forEach(y -> {
            int[] row = drawRow(scene, type, width, height, y, new SplittableRandom(rowSeeds[y]));
            store(row, type, y * row.length, pixels);
        });
        SyntheticLabel.stamp(image.getRaster(), type.maxSample());
        return image;
    }

    /** One row's samples, R, G, B per pixel for colour. */
    private static int[] drawRow(Scene scene, PixelType type, int width, int height, int y, SplittableRandom grain) {
        int max = type.maxSample();
        int[] row = new int[type.isColour() ? width * 3 : width];
        double[] rgb = new double[3];
        double sceneY = (y + 0.5) / height;
        for (int x = 0; x < width; x++) {
            scene.colourAt((x + 0.5) / height, sceneY, rgb);
            // Triangular noise (the difference of two uniform 16-bit draws from one number), the
            // same on every channel, as luminance grain is.
            int draws = grain.nextInt();
            double noise = GRAIN_LEVELS * ((draws & 0xffff) - (draws >>> 16)) / 65_536.0;
            if (type.isColour()) {
                for (int channel = 0; channel < 3; channel++) {
                    row[x * 3 + channel] = quantize(rgb[channel], noise, max);
                }
            } else {
                row[x] = quantize(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2], noise, max);
            }
        }
        return row;
    }

    /**
     * Copies a row straight into the image's buffer: the Raster API converts sample by sample
     * and took longer than drawing. The layouts are those of the BufferedImage types
     * {@link PixelType} names; TYPE_3BYTE_BGR stores blue first.
     */
    private static void store(int[] row, PixelType type, int offset, DataBuffer pixels) {
        switch (type) {
            case GREY_16 -> {
                short[] data = ((DataBufferUShort) pixels).getData();
                for (int i = 0; i < row.length; i++) {
                    data[offset + i] = (short) row[i];
                }
            }
            case GREY_8 -> {
                byte[] data = ((DataBufferByte) pixels).getData();
                for (int i = 0; i < row.length; i++) {
                    data[offset + i] = (byte) row[i];
                }
            }
            case RGB_8 -> {
                byte[] data = ((DataBufferByte) pixels).getData();
                for (int i = 0; i < row.length; i += 3) {
                    data[offset + i] = (byte) row[i + 2];
                    data[offset + i + 1] = (byte) row[i + 1];
                    data[offset + i + 2] = (byte) row[i];
                }
            }
        }
    }

    private static int quantize(double value, double noise, int max) {
        return (int) Math.max(0, Math.min(max, Math.round(value * max + noise)));
    }
}
