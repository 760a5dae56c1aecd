package org.imagingtriage.topology.imaging.dicom.pixel;

import java.util.Locale;
import java.util.Optional;

/**
 * The PhotometricInterpretation (0028,0004) defined terms this decoder reads (PS3.3 C.7.6.3.1.2).
 * Every one leaves the decoder as MONOCHROME1, MONOCHROME2 or RGB: YCbCr is converted, palette
 * indices are looked up.
 */
enum PhotometricInterpretation {

    MONOCHROME1(1),
    MONOCHROME2(1),
    PALETTE_COLOR(1),
    RGB(3),
    YBR_FULL(3),
    /** Native data holds two Y per Cb and Cr; a JPEG decoder upsamples it like YBR_FULL. */
    YBR_FULL_422(3),
    /** JPEG 2000's reversible colour transform: undone inside the codestream, RGB comes out. */
    YBR_RCT(3),
    /** JPEG 2000's irreversible colour transform: undone inside the codestream, RGB comes out. */
    YBR_ICT(3);

    /** The terms, for messages: never the file's own value. */
    static final String SUPPORTED = "MONOCHROME1, MONOCHROME2, PALETTE COLOR, RGB, YBR_FULL, YBR_FULL_422, "
            + "YBR_RCT, YBR_ICT";

    private final int samplesPerPixel;

    PhotometricInterpretation(int samplesPerPixel) {
        this.samplesPerPixel = samplesPerPixel;
    }

    int samplesPerPixel() {
        return samplesPerPixel;
    }

    boolean isYbr() {
        return this == YBR_FULL || this == YBR_FULL_422;
    }

    /** The defined term, compared after trimming and upper-casing (some writers use lower case). */
    static Optional<PhotometricInterpretation> forTerm(String term) {
        String normalized = term.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (PhotometricInterpretation value : values()) {
            if (value.name().equals(normalized)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
