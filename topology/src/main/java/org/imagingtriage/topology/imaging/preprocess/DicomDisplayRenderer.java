package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.Photometric;

/**
 * The renderer for every format: DICOM images through DICOM's greyscale pipeline, everything else
 * through {@link LinearDisplayRenderer}, unchanged.
 *
 * <p>A DICOM image (one with {@link DecodedImage#dicomDisplay()}) is rendered by a lookup table
 * from each stored value to its 8-bit output, built once per image:
 * <ol>
 *   <li>RGB: no modality or VOI stage (PS3.3 C.7.6.3.1.2 applies them to greyscale only); each
 *       sample scaled from {@code [0, 2^bitsStored - 1]} to [0, 255], so 8-bit data is unchanged.
 *   <li>Modality LUT (PS3.3 C.11.1): rescale slope and intercept, or the Modality LUT table.
 *   <li>CT: three fixed HU windows into R, G, B ({@link CtWindows}); the file's own windows are
 *       ignored, because MedGemma was trained on these three and not on whatever each scanner
 *       chose.
 *   <li>Otherwise VOI ({@link VoiSelection}): the first window per VOI LUT Function, else the VOI
 *       LUT, else the image's min-max.
 *   <li>MONOCHROME1: inverted after VOI, on the 8-bit output.
 * </ol>
 */
public final class DicomDisplayRenderer implements DisplayRenderer {

    /** The version of DICOM rendering; PNG and JPEG keep {@link LinearDisplayRenderer#VERSION}. */
    public static final String VERSION = "dicom-voi-v1";

    private final LinearDisplayRenderer linear = new LinearDisplayRenderer();

    /** The DICOM mapping's version; {@link #version(DecodedImage)} gives the one an image gets. */
    @Override
    public String version() {
        return VERSION;
    }

    /**
     * PNG and JPEG output is byte-identical to {@link LinearDisplayRenderer}'s, so their
     * provenance keeps its version; only DICOM images carry this renderer's.
     */
    @Override
    public String version(DecodedImage image) {
        return image.dicomDisplay().isPresent() ? VERSION : linear.version(image);
    }

    @Override
    public DisplayImage render(DecodedImage image) throws ImagingException {
        if (image.dicomDisplay().isEmpty()) {
            return linear.render(image);
        }
        DicomDisplay display = image.dicomDisplay().get();
        StoredRange range = StoredRange.of(image.samples());
        if (image.photometric() == Photometric.RGB) {
            return new LutRows(image.width(), image.height(), 3, image.samples(), range.min(), rgbTable(image, range));
        }
        if (image.samplesPerPixel() != 1) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_PIXEL_LAYOUT,
                    "no DICOM rendering for " + image.photometric());
        }
        ModalityTransform modality = ModalityTransform.of(display.modalityLut());
        boolean invert = image.photometric() == Photometric.MONOCHROME1;
        if (CtWindows.MODALITY.equals(display.modality().strip())) {
            byte[][] channels = new byte[CtWindows.CHANNELS.size()][];
            for (int c = 0; c < channels.length; c++) {
                channels[c] = DisplayLut.grey(range, modality, CtWindows.CHANNELS.get(c).transform(), invert);
            }
            return new LutRows(image.width(), image.height(), 1, image.samples(), range.min(), channels);
        }
        VoiTransform voi = VoiSelection.choose(display, modality, image.samples(), range);
        return new LutRows(image.width(), image.height(), 1, image.samples(), range.min(),
                DisplayLut.grey(range, modality, voi, invert));
    }

    /** {@code 255 * v / (2^bitsStored - 1)}, rounded half up; the identity for 8-bit data. */
    private static byte[] rgbTable(DecodedImage image, StoredRange range) {
        double scale = 255.0 / ((1 << image.bitsStored()) - 1);
        return DisplayLut.build(range, stored -> stored * scale, false);
    }
}
