package org.imagingtriage.topology.imaging.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The spellings an attribute name may come in, reduced to one form: "PatientName",
 * "patient_name", "Patient's Name" and "PATIENT NAME" all become {@code patientname}; "(0010,0010)",
 * "0010,0010", "00100010" and "0x00100010" all become {@code 00100010}.
 */
final class AttributeKeys {

    /** Separators of qualified keys such as "dicom.PatientName" or "tags/PatientID". */
    private static final Pattern QUALIFIER = Pattern.compile("[.:/\\\\|\\[\\]]+");
    private static final Pattern HEX_TAG = Pattern.compile("(?:0x)?([0-9a-f]{8})");

    private AttributeKeys() {
    }

    /** Lower-case letters and digits only; a tag is reduced to its eight hex digits. */
    static String normalize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = Character.toLowerCase(key.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        String normalized = out.toString();
        var tag = HEX_TAG.matcher(normalized);
        return tag.matches() ? tag.group(1) : normalized;
    }

    /**
     * The normalised forms a key is checked under: the whole key, and each part of a qualified
     * key, so "dicom.PatientName" and "tag:(0010,0010)" are caught too.
     */
    static List<String> candidates(String key) {
        List<String> candidates = new ArrayList<>();
        candidates.add(normalize(key));
        String[] parts = QUALIFIER.split(key);
        if (parts.length > 1) {
            for (String part : parts) {
                candidates.add(normalize(part));
            }
        }
        candidates.removeIf(String::isEmpty);
        return candidates;
    }

    /** "0010,0010" for "00100010". */
    static String displayTag(String eightHexDigits) {
        return eightHexDigits.substring(0, 4).toUpperCase(Locale.ROOT) + ","
                + eightHexDigits.substring(4).toUpperCase(Locale.ROOT);
    }
}
