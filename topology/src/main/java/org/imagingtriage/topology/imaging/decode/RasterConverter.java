package org.imagingtriage.topology.imaging.decode;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Set;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Copies an ImageIO {@link BufferedImage} into a {@link DecodedImage}: greyscale or RGB, 8 or 16
 * bits, whatever raster layout ImageIO chose (interleaved BGR, packed, palette indices).
 *
 * <p><b>Alpha is composited on black</b>, not dropped. The colour stored under a transparent
 * pixel is undefined (encoders leave anything there, sometimes content the author meant to hide),
 * so dropping alpha would show the model pixels nobody saw. Compositing yields what a viewer on a
 * dark background displays, radiology viewers' background is black, and so is the letterbox
 * padding, so a transparent margin and the padding look alike to the model.
 */
final class RasterConverter {

    private RasterConverter() {
    }

    static DecodedImage convert(BufferedImage image, Set<String> metadataKeys) throws ImagingException {
        ColorModel colorModel = image.getColorModel();
        if (colorModel instanceof IndexColorModel palette) {
            return convertPalette(image.getRaster(), palette, metadataKeys);
        }
        int colorSpace = colorModel.getColorSpace().getType();
        int colors = colorModel.getNumColorComponents();
        boolean grey = colorSpace == ColorSpace.TYPE_GRAY && colors == 1;
        boolean rgb = colorSpace == ColorSpace.TYPE_RGB && colors == 3;
        if (!grey && !rgb) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_COLOR_SPACE,
                    "only greyscale, RGB and palette images are supported; this one has " + colors
                            + " colour components in colour space type " + colorSpace);
        }
        return convertComponents(image.getRaster(), colorModel, colors, metadataKeys);
    }

    private static DecodedImage convertComponents(Raster raster, ColorModel colorModel, int colors,
            Set<String> metadataKeys) throws ImagingException {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        for (int band = 1; band < colors; band++) {
            if (raster.getSampleModel().getSampleSize(band) != bits) {
                throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "colour samples of different depths");
            }
        }
        if (bits > 16) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT,
                    bits + "-bit samples; at most 16 are supported");
        }
        // Premultiplied colour is already composited on black: the alpha band is simply ignored.
        boolean composite = colorModel.hasAlpha() && !colorModel.isAlphaPremultiplied();
        long maxAlpha = composite ? (1L << raster.getSampleModel().getSampleSize(colors)) - 1 : 1;
        int[][] rows = new int[colors + (composite ? 1 : 0)][width];
        byte[] bytes = bits <= 8 ? new byte[width * height * colors] : null;
        short[] shorts = bits <= 8 ? null : new short[width * height * colors];
        int out = 0;
        for (int y = 0; y < height; y++) {
            for (int band = 0; band < rows.length; band++) {
                raster.getSamples(0, y, width, 1, band, rows[band]);
            }
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < colors; c++) {
                    int value = rows[c][x];
                    if (composite) {
                        value = (int) ((value * (long) rows[colors][x] + maxAlpha / 2) / maxAlpha);
                    }
                    if (bytes != null) {
                        bytes[out++] = (byte) value;
                    } else {
                        shorts[out++] = (short) value;
                    }
                }
            }
        }
        Photometric photometric = colors == 1 ? Photometric.MONOCHROME2 : Photometric.RGB;
        Samples samples = bytes != null ? new Samples.Bytes(bytes) : new Samples.Shorts(shorts, false);
        return new DecodedImage(width, height, photometric, bits, samples, metadataKeys);
    }

    /**
     * Palette images become RGB through their palette (alpha composited on black), or 8-bit
     * greyscale when every entry is grey, as for ImageIO's 1-, 2- and 4-bit greyscale PNGs.
     */
    private static DecodedImage convertPalette(Raster raster, IndexColorModel palette, Set<String> metadataKeys)
            throws ImagingException {
        int entries = palette.getMapSize();
        byte[] red = new byte[entries];
        byte[] green = new byte[entries];
        byte[] blue = new byte[entries];
        byte[] alpha = new byte[entries];
        palette.getReds(red);
        palette.getGreens(green);
        palette.getBlues(blue);
        palette.getAlphas(alpha);
        boolean allGrey = true;
        for (int i = 0; i < entries; i++) {
            int a = alpha[i] & 0xff;
            red[i] = (byte) (((red[i] & 0xff) * a + 127) / 255);
            green[i] = (byte) (((green[i] & 0xff) * a + 127) / 255);
            blue[i] = (byte) (((blue[i] & 0xff) * a + 127) / 255);
            allGrey &= red[i] == green[i] && green[i] == blue[i];
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        int channels = allGrey ? 1 : 3;
        byte[] out = new byte[width * height * channels];
        int[] indices = new int[width];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, indices);
            for (int x = 0; x < width; x++) {
                int index = indices[x];
                if (index >= entries) {
                    throw new ImagingException(ImagingReason.CORRUPT_IMAGE, "a pixel indexes past the palette's "
                            + entries + " entries");
                }
                out[o++] = red[index];
                if (!allGrey) {
                    out[o++] = green[index];
                    out[o++] = blue[index];
                }
            }
        }
        Photometric photometric = allGrey ? Photometric.MONOCHROME2 : Photometric.RGB;
        return new DecodedImage(width, height, photometric, 8, new Samples.Bytes(out), metadataKeys);
    }
}
