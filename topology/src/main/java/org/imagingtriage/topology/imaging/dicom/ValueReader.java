package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Turns a value's bytes into strings or numbers according to its VR. Never throws on content. */
final class ValueReader {

    private static final char DELIMITER = '\\';

    private ValueReader() {
    }

    /** Text values: split on backslash where the VR is multi-valued, padding removed as the VR says. */
    static List<String> strings(byte[] bytes, int offset, int length, VR vr, Charset charset) {
        if (length == 0 || !vr.isText()) {
            return List.of();
        }
        Charset decoding = vr.usesSpecificCharacterSet() ? charset : CharacterSets.DEFAULT;
        String text = new String(bytes, offset, length, decoding);
        if (!vr.isMultiValuedText()) {
            return List.of(trim(text, vr));
        }
        List<String> values = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == DELIMITER) {
                values.add(trim(text.substring(from, i), vr));
                from = i + 1;
            }
        }
        return values;
    }

    /**
     * Integer values of binary integer VRs (OW read as unsigned 16-bit words) and of IS; null when
     * the VR holds no integers, a string is not one, or an unsigned 64-bit value exceeds a long.
     */
    static long[] integers(byte[] bytes, int offset, int length, VR vr, ByteOrder order, Charset charset) {
        if (vr == VR.IS) {
            List<String> strings = strings(bytes, offset, length, vr, charset);
            long[] values = new long[strings.size()];
            for (int i = 0; i < values.length; i++) {
                OptionalLong value = NumberStrings.integer(strings.get(i));
                if (value.isEmpty()) {
                    return null;
                }
                values[i] = value.getAsLong();
            }
            return values;
        }
        if (!isBinaryInteger(vr)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length).slice().order(order);
        long[] values = new long[length / vr.valueWidth()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (vr) {
                case US, OW -> Short.toUnsignedLong(buffer.getShort());
                case SS -> buffer.getShort();
                case UL, OL -> Integer.toUnsignedLong(buffer.getInt());
                case SL -> buffer.getInt();
                case SV, OV -> buffer.getLong();
                default -> buffer.getLong(); // UV: unsigned, refused below when past Long.MAX_VALUE
            };
            if (vr == VR.UV && values[i] < 0) {
                return null;
            }
        }
        return values;
    }

    /** Decimal values of DS, FL, FD, OF, OD and of every integer VR; null as for {@link #integers}. */
    static double[] decimals(byte[] bytes, int offset, int length, VR vr, ByteOrder order, Charset charset) {
        if (vr == VR.DS) {
            List<String> strings = strings(bytes, offset, length, vr, charset);
            double[] values = new double[strings.size()];
            for (int i = 0; i < values.length; i++) {
                OptionalDouble value = NumberStrings.decimal(strings.get(i));
                if (value.isEmpty()) {
                    return null;
                }
                values[i] = value.getAsDouble();
            }
            return values;
        }
        if (vr == VR.FL || vr == VR.OF || vr == VR.FD || vr == VR.OD) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length).slice().order(order);
            double[] values = new double[length / vr.valueWidth()];
            for (int i = 0; i < values.length; i++) {
                values[i] = vr.valueWidth() == 4 ? buffer.getFloat() : buffer.getDouble();
            }
            return values;
        }
        long[] integers = integers(bytes, offset, length, vr, order, charset);
        if (integers == null) {
            return null;
        }
        double[] values = new double[integers.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = integers[i];
        }
        return values;
    }

    private static boolean isBinaryInteger(VR vr) {
        return switch (vr) {
            case US, SS, UL, SL, SV, UV, OW, OL, OV -> true;
            default -> false;
        };
    }

    /** Trailing spaces and NULs are padding in every text VR; leading spaces where the VR says. */
    private static String trim(String value, VR vr) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr.trimsLeadingSpaces()) {
            while (start < end && value.charAt(start) == ' ') {
                start++;
            }
        }
        return value.substring(start, end);
    }
}
