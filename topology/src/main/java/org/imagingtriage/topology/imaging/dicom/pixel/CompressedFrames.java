package org.imagingtriage.topology.imaging.dicom.pixel;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.ImageIoReaders;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;

/**
 * Decodes one compressed frame into stored words, pixel-interleaved, by transfer syntax: RLE with
 * {@link RleDecoder}; JPEG 8-bit lossy with the JDK's reader, JPEG lossless (SOF3, whatever the
 * syntax claims) with TwelveMonkeys', JPEG 2000 with OpenJPEG ({@link OpenJpegFrames}) where the
 * machine has libopenjp2, else with jai-imageio's JJ2000. Each ImageIO reader is picked by class:
 * these are the ones checked pixel for pixel against gdcm on pydicom's corpus.
 *
 * <p>Refused as UNSUPPORTED_TRANSFER_SYNTAX, naming the syntax by its standard name and UID:
 * 12-bit JPEG (no Java decoder on Maven Central reads it), JPEG-LS, and every syntax not listed.
 * The stream's own dimensions must equal Rows and Columns, checked from its header before the
 * decoder allocates anything: the caps were checked against Rows and Columns.
 */
final class CompressedFrames {

    /** OpenJPEG when the machine has libopenjp2; jai-imageio's pure-Java JJ2000 otherwise. */
    private static final Optional<OpenJpegFrames> OPEN_JPEG = OpenJpegLibrary.load().map(OpenJpegFrames::new);

    private CompressedFrames() {
    }

    /** Which decoder JPEG 2000 frames get here: "OpenJPEG" or "JJ2000". */
    static String jpeg2000Decoder() {
        return OPEN_JPEG.isPresent() ? "OpenJPEG" : "JJ2000";
    }

    static Samples decode(ImageDescriptor image, TransferSyntax syntax, byte[] frame) throws ImagingException {
        String uid = syntax.uid();
        if (uid.equals(TransferSyntax.RLE_LOSSLESS.uid())) {
            return RleDecoder.decode(image, frame);
        }
        if (uid.equals(TransferSyntax.JPEG_2000.uid()) || uid.equals(TransferSyntax.JPEG_2000_LOSSLESS.uid())) {
            Jpeg2000Header.check(image, frame);
            if (OPEN_JPEG.isPresent()) {
                return OPEN_JPEG.get().decode(image, frame);
            }
            return read(image, frame, ImageIoReaders.named("jpeg2000", ImageIoReaders.JAI_JPEG_2000), false);
        }
        if (isJpeg(syntax)) {
            return decodeJpeg(image, syntax, frame);
        }
        throw unsupported(syntax, "no decoder for it is available here");
    }

    private static Samples decodeJpeg(ImageDescriptor image, TransferSyntax syntax, byte[] frame)
            throws ImagingException {
        JpegFrameHeader header = JpegFrameHeader.scan(frame);
        if (header.isLossless()) {
            return read(image, frame, ImageIoReaders.named("jpeg", ImageIoReaders.TWELVEMONKEYS_JPEG), false);
        }
        boolean dctProcess = header.marker() == JpegFrameHeader.SOF_BASELINE
                || header.marker() == JpegFrameHeader.SOF_EXTENDED
                || header.marker() == JpegFrameHeader.SOF_PROGRESSIVE;
        if (!dctProcess) {
            throw unsupported(syntax, "its hierarchical or arithmetic-coded JPEG process has no decoder here");
        }
        if (header.precision() != 8) {
            throw unsupported(syntax, header.precision() + "-bit JPEG has no Java decoder here; only 8-bit");
        }
        // A three-component stream labelled RGB may still be YCbCr inside (JFIF, or no Adobe marker
        // saying otherwise): the JDK's colour conversion decides from the markers, as libjpeg does.
        // YBR_* is converted from the raw components by the DICOM rules instead.
        boolean convert = image.photometric() == PhotometricInterpretation.RGB && header.components() == 3;
        return read(image, frame, ImageIoReaders.named("jpeg", ImageIoReaders.JDK_JPEG), convert);
    }

    private static boolean isJpeg(TransferSyntax syntax) {
        String uid = syntax.uid();
        return uid.startsWith("1.2.840.10008.1.2.4.5") || uid.startsWith("1.2.840.10008.1.2.4.6")
                || uid.equals(TransferSyntax.JPEG_LOSSLESS_SV1.uid());
    }

    private static Samples read(ImageDescriptor image, byte[] frame, ImageReader reader, boolean colourConvert)
            throws ImagingException {
        AtomicBoolean warned = new AtomicBoolean();
        reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != image.columns() || height != image.rows()) {
                throw ImageDescriptor.corrupt("the compressed frame is " + width + "x" + height + " where Rows and"
                        + " Columns say " + image.columns() + "x" + image.rows());
            }
            Raster raster = colourConvert || !reader.canReadRaster()
                    ? reader.read(0).getRaster() : reader.readRaster(0, null);
            if (warned.get()) {
                throw ImageDescriptor.corrupt("the " + reader.getFormatName() + " decoder reported damaged data");
            }
            return toSamples(image, raster);
        } catch (IOException | RuntimeException e) {
            throw ImageDescriptor.corrupt("the frame's codec could not decode it (" + e.getClass().getSimpleName()
                    + ")");
        } finally {
            reader.dispose();
        }
    }

    private static Samples toSamples(ImageDescriptor image, Raster raster) throws ImagingException {
        int samplesPerPixel = image.samplesPerPixel();
        if (raster.getNumBands() < samplesPerPixel || raster.getWidth() != image.columns()
                || raster.getHeight() != image.rows()) {
            throw ImageDescriptor.corrupt("the decoded frame has " + raster.getNumBands() + " components where "
                    + samplesPerPixel + " are expected");
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        boolean bytes = image.bitsAllocated() <= 8;
        byte[] narrow = bytes ? new byte[width * height * samplesPerPixel] : null;
        short[] wide = bytes ? null : new short[width * height * samplesPerPixel];
        int[] row = new int[width];
        for (int band = 0; band < samplesPerPixel; band++) {
            for (int y = 0; y < height; y++) {
                raster.getSamples(x0, y0 + y, width, 1, band, row);
                int at = y * width * samplesPerPixel + band;
                for (int x = 0; x < width; x++, at += samplesPerPixel) {
                    if (bytes) {
                        narrow[at] = (byte) row[x];
                    } else {
                        wide[at] = (short) row[x];
                    }
                }
            }
        }
        return bytes ? new Samples.Bytes(narrow) : new Samples.Shorts(wide, false);
    }

    static ImagingException unsupported(TransferSyntax syntax, String why) {
        // The UID is a standard constant of a syntax the reader knows, not a value from the file.
        return new ImagingException(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX, "DICOM pixel data in "
                + syntax.name() + " (" + syntax.uid() + "): " + why);
    }
}
