package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecodedImage;

/**
 * Maps decoded samples to display intensities. {@link LinearDisplayRenderer} serves PNG and
 * JPEG; the DICOM issue adds a renderer for the modality LUT, VOI windowing, MONOCHROME1 and
 * CT's three windows, whose output goes through the same {@link Letterbox}.
 */
public interface DisplayRenderer {

    /** Identifies the mapping for provenance; change it whenever the output would change. */
    String version();

    /** Fails with a PREPROCESS-stage reason when the samples cannot be shown. */
    DisplayImage render(DecodedImage image) throws ImagingException;
}
