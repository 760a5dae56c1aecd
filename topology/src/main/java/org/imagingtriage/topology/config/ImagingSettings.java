package org.imagingtriage.topology.config;

import java.util.Locale;
import java.util.Objects;
import org.imagingtriage.topology.imaging.dicom.pixel.FramePolicy;

/**
 * How images are turned into the model's input, where the operator has a choice.
 *
 * @param dicomFrame which frame of a multi-frame DICOM image is decoded: {@code middle} (the
 *     default; see {@link FramePolicy}) or {@code first}
 */
public record ImagingSettings(FramePolicy dicomFrame) {

    public ImagingSettings {
        Objects.requireNonNull(dicomFrame, ConfigKeys.IMAGING_DICOM_FRAME);
    }

    public static ImagingSettings defaults() {
        return new ImagingSettings(FramePolicy.MIDDLE);
    }

    public static ImagingSettings from(ConfigValues values) {
        return new ImagingSettings(values.choice(ConfigKeys.IMAGING_DICOM_FRAME, defaults().dicomFrame(),
                ImagingSettings::configValue));
    }

    /** How the properties file spells a frame policy: {@code middle} for MIDDLE. */
    static String configValue(FramePolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }
}
