package org.imagingtriage.topology.imaging;

import org.imagingtriage.contract.Stage;

/**
 * Every reason the imaging stages refuse an event, with the dead-letter stage it belongs to.
 *
 * <p>The constant names are the stable codes written to {@code DeadLetter.reason}: dashboards
 * and alerts key on them, so a name never changes meaning and is never reused. Add new codes
 * (the DICOM issue will) rather than widening an existing one. topology/README.md lists them
 * all; a test keeps that table and this enum in step.
 */
public enum ImagingReason {

    INVALID_REFERENCE(Stage.RESOLVE, false,
            "the payload or its reference is malformed: unparsable URI, non-positive size, sha256 not 64 hex digits"),
    UNSUPPORTED_SCHEME(Stage.RESOLVE, false,
            "the reference's URI scheme is not in limits.reference.schemes, or file is allowed without a root"),
    IMAGE_TOO_LARGE(Stage.RESOLVE, false,
            "inline bytes or a reference's declared size exceed the configured cap"),
    REFERENCE_OUTSIDE_ROOT(Stage.RESOLVE, false,
            "a file reference leaves the configured root directory, by '..' or through a symbolic link"),
    REFERENCE_ORIGIN_NOT_ALLOWED(Stage.RESOLVE, false,
            "an http(s) reference's scheme, host and port (and path prefix) match no configured origin; nothing is sent"),
    REFERENCE_NOT_FOUND(Stage.RESOLVE, false,
            "the referenced file does not exist or is not a regular file; an http(s) server answered 404 or 410"),
    REFERENCE_ACCESS_DENIED(Stage.RESOLVE, false,
            "the referenced file exists but the pipeline may not read it; an http(s) server answered 401 or 403"),
    REFERENCE_REJECTED(Stage.RESOLVE, false,
            "an http(s) server answered a status that retrying cannot change: a redirect (never followed), another 4xx, 501, 505; or a response that is not well-formed HTTP"),
    REFERENCE_TLS_FAILED(Stage.RESOLVE, false,
            "the TLS handshake with an https server failed: an untrusted or mismatched certificate, no common protocol"),
    REFERENCE_CONTENT_UNSUPPORTED(Stage.RESOLVE, false,
            "an http(s) server answered with a multipart body (DICOMweb's default); the URL must return the file itself"),
    REFERENCE_READ_FAILED(Stage.RESOLVE, true,
            "an I/O error, connection failure, timeout or 408/429/500/502/503/504 while reading a reference; transient, retried with backoff"),
    SIZE_MISMATCH(Stage.RESOLVE, false,
            "the referenced bytes are shorter or longer than the declared sizeBytes"),
    SHA256_MISMATCH(Stage.RESOLVE, false,
            "the SHA-256 of the referenced bytes differs from the declared sha256"),

    UNSUPPORTED_FORMAT(Stage.DECODE, false,
            "no decoder for the format, or a variant it cannot read: 12-bit, lossless, arithmetic or hierarchical JPEG files; DICOM floating point pixel data, 32-bit samples with a Modality LUT table or in YBR/palette"),
    FORMAT_MISMATCH(Stage.DECODE, false,
            "the bytes' signature is not that of the declared format"),
    CORRUPT_IMAGE(Stage.DECODE, false,
            "truncated or malformed image data"),
    PIXEL_LIMIT_EXCEEDED(Stage.DECODE, false,
            "the header declares more pixels, or a longer side, than the configured cap; refused before decoding"),
    UNSUPPORTED_COLOR_SPACE(Stage.DECODE, false,
            "colour spaces other than greyscale, RGB and palette (CMYK and YCCK JPEGs)"),
    UNSUPPORTED_TRANSFER_SYNTAX(Stage.DECODE, false,
            "a DICOM file's transfer syntax UID is not one the reader knows (a private or future syntax), or its pixel data's compression has no decoder here (12-bit JPEG, JPEG-LS, HTJ2K, JPEG XL, video)"),
    DICOM_LIMIT_EXCEEDED(Stage.DECODE, false,
            "a DICOM file exceeds the reader's caps: sequence depth, element count, element or pixel data length, fragments, inflated size"),

    DEIDENTIFICATION_NOT_ASSERTED(Stage.DEIDENTIFICATION, false,
            "the feed does not assert de-identification and the policy requires it"),
    PHI_IN_ATTRIBUTES(Stage.DEIDENTIFICATION, false,
            "event attribute keys name identifying DICOM attributes (the detail lists the names)"),
    PHI_IN_IMAGE_METADATA(Stage.DEIDENTIFICATION, false,
            "the image file carries metadata keys configured as identifying (PNG text chunks, JPEG COM/EXIF/XMP)"),
    PHI_IN_DICOM_HEADER(Stage.DEIDENTIFICATION, false,
            "a DICOM header gives identifying attributes a value, at top level or in a sequence item (the detail lists the names)"),
    BURNED_IN_ANNOTATION(Stage.DEIDENTIFICATION, false,
            "a DICOM header declares BurnedInAnnotation YES: identifying text in the pixels"),
    IDENTITY_NOT_REMOVED(Stage.DEIDENTIFICATION, false,
            "a DICOM header's PatientIdentityRemoved is absent or not YES and the policy requires YES"),

    UNSUPPORTED_PIXEL_LAYOUT(Stage.PREPROCESS, false,
            "the renderer cannot turn the decoded samples into RGB");

    private final Stage stage;
    private final boolean transientFailure;
    private final String meaning;

    ImagingReason(Stage stage, boolean transientFailure, String meaning) {
        this.stage = stage;
        this.transientFailure = transientFailure;
        this.meaning = meaning;
    }

    /** The dead-letter stage that refuses an event for this reason. */
    public Stage stage() {
        return stage;
    }

    /** True when the same event may succeed later, so the topology retries instead of dead-lettering. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** One line for operators; the README table shows it. */
    public String meaning() {
        return meaning;
    }
}
