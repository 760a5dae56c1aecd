package org.imagingtriage.topology.imaging.dicom.pixel;

import java.util.Objects;
import java.util.Set;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.ImageDecoder;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.DicomFile;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomParseException;
import org.imagingtriage.topology.imaging.dicom.DicomReader;
import org.imagingtriage.topology.imaging.dicom.EncapsulatedPixelData;
import org.imagingtriage.topology.imaging.dicom.NativePixelData;
import org.imagingtriage.topology.imaging.dicom.PixelData;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;

/**
 * DICOM Part 10 to one {@link DecodedImage}: the reader parses the file, the Image Pixel module
 * is checked and Rows x Columns held against the {@link DecodeLimits} before anything the size of
 * the image is allocated, one frame is chosen by the {@link FramePolicy}, decoded (native, RLE,
 * JPEG, JPEG 2000), reduced to its stored bits and turned into MONOCHROME1, MONOCHROME2 or RGB;
 * 32-bit samples are brought down to 16 bits by {@link WideSamples}.
 * The image carries the header, for the de-identification gate, and its display attributes.
 *
 * <p>Every refusal is an ImagingException at DECODE; no other exception escapes for any bytes.
 * Stateless and thread-safe.
 */
public final class DicomDecoder implements ImageDecoder {

    private final DecodeLimits limits;
    private final DicomReader reader;
    private final FramePolicy framePolicy;

    public DicomDecoder(DecodeLimits limits, DicomLimits dicomLimits, FramePolicy framePolicy) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.reader = new DicomReader(Objects.requireNonNull(dicomLimits, "dicomLimits"));
        this.framePolicy = Objects.requireNonNull(framePolicy, "framePolicy");
    }

    /** The middle frame of a multi-frame image (see {@link FramePolicy}). */
    public DicomDecoder(DecodeLimits limits, DicomLimits dicomLimits) {
        this(limits, dicomLimits, FramePolicy.MIDDLE);
    }

    /**
     * The JPEG 2000 decoder this machine uses: "OpenJPEG" where libopenjp2 loads, else "JJ2000"
     * (pure Java, about three times slower). For reports such as the preprocessing benchmark.
     */
    public static String jpeg2000Decoder() {
        return CompressedFrames.jpeg2000Decoder();
    }

    @Override
    public DecodedImage decode(byte[] bytes) throws ImagingException {
        DicomFile file;
        try {
            file = reader.read(bytes);
        } catch (DicomParseException e) {
            throw e.toImagingException();
        }
        try {
            return decode(file);
        } catch (RuntimeException e) {
            // A check missed somewhere must still be a refusal, never a crashed stream thread.
            throw new ImagingException(ImagingReason.CORRUPT_IMAGE, "DICOM pixel data could not be decoded ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private DecodedImage decode(DicomFile file) throws ImagingException {
        PixelData pixelData = file.pixelData().orElseThrow(() -> ImageDescriptor.corrupt("the file has no "
                + Tag.describe(Tag.PixelData)));
        if (pixelData.tag() != Tag.PixelData) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, Tag.describe(pixelData.tag())
                    + " (floating point samples, parametric maps) is not an image to show");
        }
        ImageDescriptor image = ImageDescriptor.of(file);
        if (!limits.admits(image.columns(), image.rows())) {
            throw new ImagingException(ImagingReason.PIXEL_LIMIT_EXCEEDED, "the DICOM header declares "
                    + image.columns() + "x" + image.rows() + "; the caps are " + limits.maxPixels() + " pixels and "
                    + limits.maxSide() + " per side");
        }
        if (pixelData instanceof NativePixelData && file.transferSyntax().isEncapsulated()) {
            throw ImageDescriptor.corrupt("native pixel data in an encapsulated transfer syntax");
        }
        int frame = framePolicy.select(image.frames());
        if (image.bitsAllocated() == 32) {
            // Their words take twice the memory of 16-bit samples before the reduction halves it.
            if ((long) image.columns() * image.rows() > limits.maxPixels() / 2) {
                throw new ImagingException(ImagingReason.PIXEL_LIMIT_EXCEEDED, "the DICOM header declares 32-bit"
                        + " samples in " + image.columns() + "x" + image.rows() + "; the cap for 32-bit samples is "
                        + limits.maxPixels() / 2 + " pixels, half the cap for narrower ones");
            }
            return decodeWide(file, image, pixelData, frame);
        }
        Samples stored;
        if (pixelData instanceof NativePixelData nativePixels) {
            stored = NativeFrames.read(image, nativePixels.buffer(), frame);
        } else {
            if (image.bitsAllocated() == 1) {
                throw ImageDescriptor.corrupt("1-bit pixel data cannot be compressed");
            }
            byte[] compressed = EncapsulatedFrames.frame((EncapsulatedPixelData) pixelData, image.frames(), frame);
            stored = CompressedFrames.decode(image, file.transferSyntax(), compressed);
        }
        Samples values = StoredValues.normalize(image, stored);
        int bits = image.bitsStored();
        if (image.photometric().isYbr()) {
            values = ColorConversion.ybrToRgb(values, bits);
        } else if (image.photometric() == PhotometricInterpretation.PALETTE_COLOR) {
            PaletteColor palette = PaletteColor.of(file.dataset());
            values = palette.apply(values);
            bits = palette.bits();
        }
        return new DecodedImage(image.columns(), image.rows(), photometric(image), bits, values, Set.of())
                .withDicom(file.dataset(), DicomDisplays.of(file.dataset()));
    }

    /** 32-bit samples: native or RLE only (no JPEG process has 32-bit samples), then {@link WideSamples}. */
    private static DecodedImage decodeWide(DicomFile file, ImageDescriptor image, PixelData pixelData, int frame)
            throws ImagingException {
        int[] words;
        if (pixelData instanceof NativePixelData nativePixels) {
            words = NativeFrames.readWords(image, nativePixels.buffer(), frame);
        } else if (file.transferSyntax().uid().equals(TransferSyntax.RLE_LOSSLESS.uid())) {
            byte[] compressed = EncapsulatedFrames.frame((EncapsulatedPixelData) pixelData, image.frames(), frame);
            words = RleDecoder.decodeWords(image, compressed);
        } else {
            throw CompressedFrames.unsupported(file.transferSyntax(), "32-bit samples can only be native or RLE");
        }
        WideSamples.Reduced reduced = WideSamples.reduce(image, words, DicomDisplays.of(file.dataset()));
        return new DecodedImage(image.columns(), image.rows(), photometric(image), reduced.bitsStored(),
                reduced.samples(), Set.of()).withDicom(file.dataset(), reduced.display());
    }

    private static Photometric photometric(ImageDescriptor image) {
        return switch (image.photometric()) {
            case MONOCHROME1 -> Photometric.MONOCHROME1;
            case MONOCHROME2 -> Photometric.MONOCHROME2;
            default -> Photometric.RGB;
        };
    }
}
