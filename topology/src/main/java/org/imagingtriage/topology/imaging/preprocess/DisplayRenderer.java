package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecodedImage;

/**
 * Maps decoded samples to display intensities. {@link LinearDisplayRenderer} serves PNG and
 * JPEG; {@link DicomDisplayRenderer} adds DICOM's modality LUT, VOI windowing, MONOCHROME1 and
 * CT's three windows, delegating the rest to it. Either output goes through the same
 * {@link Letterbox}.
 */
public interface DisplayRenderer {

    /** Identifies the mapping for provenance; change it whenever the output would change. */
    String version();

    /**
     * The version of the mapping {@code image} gets, for its provenance: {@link #version()}
     * unless a renderer maps different kinds of image differently.
     */
    default String version(DecodedImage image) {
        return version();
    }

    /** Fails with a PREPROCESS-stage reason when the samples cannot be shown. */
    DisplayImage render(DecodedImage image) throws ImagingException;
}
