package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.topology.imaging.Sha256;

/**
 * The one resize path for every format: fit the image into MedGemma's 896x896 square keeping
 * its aspect ratio, centred on black, with the anti-aliased bilinear filter of
 * {@link ResampleWeights}. PNG, JPEG and (with its own renderer) DICOM all come through here.
 */
public final class Letterbox {

    /** Change it whenever the output for the same input would change. */
    public static final String VERSION = "letterbox-pillow-v2";

    public static final int SIDE = MedGemmaContract.IMAGE_SIDE;

    private Letterbox() {
    }

    /** Where a {@code width} x {@code height} image lands in the square. */
    public static LetterboxGeometry geometry(int width, int height) {
        return LetterboxGeometry.fit(width, height, SIDE);
    }

    /**
     * Letterboxes {@code image} into a new {@link #SIDE}-square RGB tensor.
     *
     * @param rendererVersion the version of the renderer that produced {@code image}, recorded
     *     with this class's in the result's provenance
     */
    public static PreprocessedImage apply(DisplayImage image, String rendererVersion) {
        LetterboxGeometry geometry = geometry(image.width(), image.height());
        byte[] tensor = new byte[SIDE * SIDE * 3];
        SeparableResampler.resize(image, geometry.contentWidth(), geometry.contentHeight(), tensor, SIDE,
                geometry.offsetX(), geometry.offsetY());
        return new PreprocessedImage(tensor, SIDE, geometry, rendererVersion + "+" + VERSION, Sha256.hex(tensor));
    }
}
