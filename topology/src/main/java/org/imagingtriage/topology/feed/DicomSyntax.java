package org.imagingtriage.topology.feed;

import java.util.regex.Pattern;

/**
 * The DICOM value rules the feed checks before publishing, so that metadata an operator typed
 * wrongly is refused here, naming the file and key, rather than dead-lettered later.
 */
public final class DicomSyntax {

    /** PS3.5 9.1: at most 64 characters. */
    public static final int MAX_UID_LENGTH = 64;
    /** PS3.5 9.1: numeric components without leading zeros, separated by dots. */
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");
    /** PS3.5 6.2, Code String (modality, body part): upper case, digits, space, underscore; 16 at most. */
    private static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9_](?:[A-Z0-9_ ]{0,14}[A-Z0-9_])?");

    private DicomSyntax() {
    }

    public static boolean isUid(String value) {
        return value != null && value.length() <= MAX_UID_LENGTH && UID.matcher(value).matches();
    }

    public static boolean isCodeString(String value) {
        return value != null && CODE_STRING.matcher(value).matches();
    }
}
