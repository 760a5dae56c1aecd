package org.imagingtriage.topology.imaging.dicom;

/**
 * A data set's pixel data element, located and bounded but not decoded: native samples
 * ({@link NativePixelData}) or the fragments of a compressed stream ({@link EncapsulatedPixelData}).
 *
 * <p>Views share the array the reader parsed (the caller's file, or the inflated data set of a
 * deflated file) rather than copying what may be hundreds of megabytes; the caller must not
 * modify that array afterwards.
 */
public sealed interface PixelData permits NativePixelData, EncapsulatedPixelData {

    /** PixelData, FloatPixelData or DoubleFloatPixelData. */
    int tag();

    /** As encoded: OB or OW (OF, OD for float pixel data); OW for any pixel data in implicit VR. */
    VR vr();

    /** Where the element's header starts in the parsed bytes. */
    int elementOffset();
}
