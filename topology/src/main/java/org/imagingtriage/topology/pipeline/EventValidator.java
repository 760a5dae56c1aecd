package org.imagingtriage.topology.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.imagingtriage.contract.ImageEvent;

/**
 * Checks what the Avro schema cannot: that the identifiers are DICOM UIDs, that the record is
 * keyed by its SOP Instance UID, and that the free-text fields are present and bounded.
 *
 * <p>Details name the field and what is wrong with it, never its value: a malformed field may be
 * exactly where a feed leaked a name.
 */
final class EventValidator {

    /** PS3.5 9.1: components of digits without leading zeros, separated by dots, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    private static final int MAX_UID_LENGTH = 64;
    /** PS3.5 6.2, VR CS: upper-case letters, digits, space and underscore, at most 16 characters. */
    private static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9_ ]{1,16}");
    private static final int MAX_SOURCE_LENGTH = 256;
    private static final int MAX_BODY_PART_LENGTH = 64;
    private static final int MAX_ATTRIBUTES = 256;
    private static final int MAX_ATTRIBUTE_KEY_LENGTH = 128;
    private static final int MAX_ATTRIBUTE_VALUE_LENGTH = 4096;

    Optional<Failure> validate(byte[] key, ImageEvent event) {
        for (Map.Entry<String, String> uid : Map.of(
                "sopInstanceUid", event.getSopInstanceUid(),
                "studyInstanceUid", event.getStudyInstanceUid(),
                "seriesInstanceUid", event.getSeriesInstanceUid()).entrySet()) {
            if (!isUid(uid.getValue())) {
                return fail(PipelineReason.INVALID_UID, uid.getKey() + " (" + uid.getValue().length()
                        + " characters) is not a DICOM UID: digits and dots, no leading zeros, at most "
                        + MAX_UID_LENGTH + " characters");
            }
        }
        if (key != null && !Arrays.equals(key, event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8))) {
            return fail(PipelineReason.KEY_MISMATCH, "the record key (" + key.length
                    + " bytes) differs from sopInstanceUid; producers must key events by it");
        }
        if (!CODE_STRING.matcher(event.getModality()).matches() || event.getModality().isBlank()) {
            return fail(PipelineReason.INVALID_MODALITY, "modality (" + event.getModality().length()
                    + " characters) must be a DICOM code string: 1-16 of A-Z, 0-9, space, underscore");
        }
        if (event.getSource().isBlank() || event.getSource().length() > MAX_SOURCE_LENGTH) {
            return fail(PipelineReason.INVALID_FIELD, "source must be 1-" + MAX_SOURCE_LENGTH + " characters");
        }
        String bodyPart = event.getBodyPart();
        if (bodyPart != null && (bodyPart.isBlank() || bodyPart.length() > MAX_BODY_PART_LENGTH)) {
            return fail(PipelineReason.INVALID_FIELD, "bodyPart, when present, must be 1-" + MAX_BODY_PART_LENGTH
                    + " non-blank characters");
        }
        return validateAttributes(event.getAttributes());
    }

    private static Optional<Failure> validateAttributes(Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            return fail(PipelineReason.INVALID_FIELD, "attributes has " + attributes.size() + " entries, at most "
                    + MAX_ATTRIBUTES + " are allowed");
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String key = String.valueOf(attribute.getKey());
            String value = String.valueOf(attribute.getValue());
            if (key.isBlank() || key.length() > MAX_ATTRIBUTE_KEY_LENGTH || value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                return fail(PipelineReason.INVALID_FIELD, "an attribute key must be 1-" + MAX_ATTRIBUTE_KEY_LENGTH
                        + " characters and its value at most " + MAX_ATTRIBUTE_VALUE_LENGTH);
            }
        }
        return Optional.empty();
    }

    private static boolean isUid(String uid) {
        return uid.length() <= MAX_UID_LENGTH && UID.matcher(uid).matches();
    }

    private static Optional<Failure> fail(PipelineReason reason, String detail) {
        return Optional.of(reason.failure(detail, 1));
    }
}
