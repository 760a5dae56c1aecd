package org.imagingtriage.topology.imaging.preprocess;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The model's input as a PNG: exactly the RGB pixels MedGemma receives, for a human to look at. */
public final class PreprocessedPng {

    private PreprocessedPng() {
    }

    public static void write(PreprocessedImage tensor, OutputStream out) throws IOException {
        int side = tensor.side();
        BufferedImage png = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                png.setRGB(x, y, tensor.pixel(x, y, 0) << 16 | tensor.pixel(x, y, 1) << 8 | tensor.pixel(x, y, 2));
            }
        }
        if (!ImageIO.write(png, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    public static byte[] bytes(PreprocessedImage tensor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(tensor, out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
        return out.toByteArray();
    }
}
