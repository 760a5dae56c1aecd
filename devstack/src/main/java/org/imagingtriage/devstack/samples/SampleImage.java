package org.imagingtriage.devstack.samples;

import java.util.Objects;
import java.util.regex.Pattern;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;

/**
 * One synthetic sample image and how it is published. Nothing here came from a patient: the
 * pixels are drawn from {@link #phantom()} with a random generator seeded by {@link #seed()}, so
 * the same record always gives the same bytes ({@link SampleImages#bytes}).
 *
 * @param name      file name without extension, such as {@code chest-cr-01}
 * @param format    PNG, JPEG or DICOM
 * @param modality  DICOM modality code: CR, DX, CT, MR, XC, OT...
 * @param bodyPart  DICOM body part examined (CHEST, HEAD, KNEE, ABDOMEN, SKIN...), or null when none applies
 * @param priority  the clinical priority the sample is published with
 * @param width     pixels across
 * @param height    pixels down
 * @param pixelType samples per pixel and bits per sample
 * @param phantom   what the image depicts
 * @param seed      seeds texture and grain
 */
public record SampleImage(String name, ImageFormat format, String modality, String bodyPart, Priority priority,
        int width, int height, PixelType pixelType, Phantom phantom, long seed) {

    /** Far below the decoders' caps, so a sample never tests limits by accident. */
    static final int MAX_SIDE = 4096;

    // Names become file names in a folder the feed reads: nothing that needs quoting.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DICOM_CODE = Pattern.compile("[A-Z0-9_]{1,16}");

    public SampleImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(pixelType, "pixelType");
        Objects.requireNonNull(phantom, "phantom");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower-case words joined by '-': " + name);
        }
        if (format == ImageFormat.DICOM && pixelType != PixelType.GREY_16) {
            throw new IllegalArgumentException("DICOM samples are 16-bit greyscale (12 bits stored)");
        }
        if (format == ImageFormat.JPEG && pixelType == PixelType.GREY_16) {
            throw new IllegalArgumentException("JPEG samples are 8-bit: the pipeline decodes baseline JPEG only");
        }
        if (!DICOM_CODE.matcher(modality).matches()) {
            throw new IllegalArgumentException("modality must be a DICOM code such as CR: " + modality);
        }
        if (bodyPart != null && !DICOM_CODE.matcher(bodyPart).matches()) {
            throw new IllegalArgumentException("bodyPart must be a DICOM code such as CHEST, or null: " + bodyPart);
        }
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("sides must be 1.." + MAX_SIDE + ", got " + width + "x" + height);
        }
    }

    /** {@code name} with the format's usual extension: {@code chest-cr-01.png}, {@code head-ct-09.dcm}. */
    public String fileName() {
        return name + switch (format) {
            case PNG -> ".png";
            case JPEG -> ".jpg";
            case DICOM -> ".dcm";
        };
    }

    /** The sidecar the folder feed reads beside the image: {@code chest-cr-01.png.json}. */
    public String sidecarFileName() {
        return fileName() + ".json";
    }
}
