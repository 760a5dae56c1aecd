package org.imagingtriage.topology.imaging.preprocess;

/**
 * The VOI stage of DICOM's greyscale pipeline (PS3.3 C.11.2): a modality value (after the
 * modality LUT) to a display intensity in [0, 255], before any MONOCHROME1 inversion. A primitive
 * {@code double} function, so building a lookup table never boxes.
 */
@FunctionalInterface
interface VoiTransform {

    /** Display intensity in [0, 255] for {@code modalityValue}; not yet rounded. */
    double apply(double modalityValue);
}
