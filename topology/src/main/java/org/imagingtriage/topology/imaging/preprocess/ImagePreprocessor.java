package org.imagingtriage.topology.imaging.preprocess;

import java.util.Objects;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecodedImage;

/** Decoded image to model tensor: render to display intensities, then {@link Letterbox}. */
public final class ImagePreprocessor {

    private final DisplayRenderer renderer;

    public ImagePreprocessor(DisplayRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * DICOM rendering ({@link DicomDisplayRenderer}), which leaves PNG and JPEG to
     * {@link LinearDisplayRenderer} exactly as before.
     */
    public static ImagePreprocessor defaults() {
        return new ImagePreprocessor(new DicomDisplayRenderer());
    }

    public PreprocessedImage preprocess(DecodedImage image) throws ImagingException {
        return Letterbox.apply(renderer.render(image), renderer.version(image));
    }
}
