package org.imagingtriage.devstack.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;

/**
 * Synthetic sample images for the demo and the folder feed. No real patient image may ship with
 * this project, so every sample is drawn here from a {@link Phantom} and a seed: the same bytes
 * on every machine, nothing identifying in the pixels (beyond the burned-in word SYNTHETIC) and
 * no metadata in the file.
 *
 * <p>The catalog mixes what the pipeline must cope with: 16-bit and 8-bit greyscale and RGB; PNG,
 * JPEG and DICOM (a CT in Hounsfield units, an MR with its window); portrait, landscape, square
 * and tall images; every priority; and a sample without a body part.
 */
public final class SampleImages {

    private static final List<SampleImage> CATALOG = List.of(
            new SampleImage("chest-cr-01", ImageFormat.PNG, "CR", "CHEST", Priority.STAT, 2048, 2500,
                    PixelType.GREY_16, Phantom.CHEST_RADIOGRAPH, 101),
            new SampleImage("head-ct-02", ImageFormat.PNG, "CT", "HEAD", Priority.URGENT, 512, 512,
                    PixelType.GREY_8, Phantom.HEAD_CT, 202),
            new SampleImage("skin-xc-03", ImageFormat.JPEG, "XC", "SKIN", Priority.ROUTINE, 1024, 768,
                    PixelType.RGB_8, Phantom.SKIN_LESION, 303),
            new SampleImage("knee-dx-04", ImageFormat.JPEG, "DX", "KNEE", Priority.URGENT, 640, 480,
                    PixelType.GREY_8, Phantom.KNEE_RADIOGRAPH, 404),
            new SampleImage("step-wedge-05", ImageFormat.PNG, "OT", null, Priority.ROUTINE, 400, 1200,
                    PixelType.GREY_8, Phantom.STEP_WEDGE, 505),
            new SampleImage("head-mr-06", ImageFormat.PNG, "MR", "HEAD", Priority.ROUTINE, 256, 256,
                    PixelType.GREY_16, Phantom.HEAD_MR, 606),
            new SampleImage("abdomen-dx-07", ImageFormat.PNG, "DX", "ABDOMEN", Priority.STAT, 1024, 1280,
                    PixelType.GREY_8, Phantom.ABDOMEN_RADIOGRAPH, 707),
            new SampleImage("chest-dx-08", ImageFormat.JPEG, "DX", "CHEST", Priority.ROUTINE, 1200, 1000,
                    PixelType.GREY_8, Phantom.CHEST_RADIOGRAPH, 808),
            new SampleImage("head-ct-09", ImageFormat.DICOM, "CT", "HEAD", Priority.URGENT, 512, 512,
                    PixelType.GREY_16, Phantom.HEAD_CT, 909),
            new SampleImage("head-mr-10", ImageFormat.DICOM, "MR", "HEAD", Priority.ROUTINE, 256, 256,
                    PixelType.GREY_16, Phantom.HEAD_MR, 1010));

    private SampleImages() {
    }

    /** Every sample, in a fixed order. */
    public static List<SampleImage> catalog() {
        return CATALOG;
    }

    /** The encoded file of {@code sample}: the same bytes every time. */
    public static byte[] bytes(SampleImage sample) {
        return sample.format() == ImageFormat.DICOM
                ? DicomSampleWriter.write(sample, SampleRenderer.render(sample))
                : SampleEncoder.encode(SampleRenderer.render(sample), sample.format());
    }

    /**
     * A DICOM sample's file under other UIDs, so that one phantom can stand for many instances
     * (a series sent to a PACS); the pixels are the sample's.
     */
    public static byte[] dicomInstance(SampleImage sample, DicomUids uids) {
        if (sample.format() != ImageFormat.DICOM) {
            throw new IllegalArgumentException("not a DICOM sample: " + sample.name());
        }
        return DicomSampleWriter.write(sample, SampleRenderer.render(sample), uids);
    }

    /** The sidecar JSON the folder feed reads beside {@code sample}'s file. */
    public static byte[] sidecar(SampleImage sample) {
        return SampleSidecar.json(sample);
    }

    /**
     * Writes every sample of the catalog into {@code directory} (created if missing), each file
     * with its sidecar ({@link SampleImage#sidecarFileName()}), replacing files of the same names.
     *
     * @return the image files written, in catalog order
     */
    public static List<Path> writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            for (SampleImage sample : CATALOG) {
                Path image = directory.resolve(sample.fileName());
                Files.write(image, bytes(sample));
                Files.write(directory.resolve(sample.sidecarFileName()), sidecar(sample));
                written.add(image);
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample images into " + directory, e);
        }
    }
}
