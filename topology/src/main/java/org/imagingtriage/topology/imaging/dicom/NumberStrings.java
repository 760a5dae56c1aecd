package org.imagingtriage.topology.imaging.dicom;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Lenient parsing of Decimal String (DS) and Integer String (IS) values (PS3.5 6.2). Writers get
 * these wrong in known ways that still have one meaning: surrounding spaces, a leading '+', a
 * decimal comma, an IS written as "2.0". What has no single meaning ("1A", "NaN", "1e999") is
 * not a number, and the getter says so with an empty result rather than an exception.
 */
final class NumberStrings {

    /** DS values are at most 16 characters; a longer one is not worth a regular expression's time. */
    private static final int MAX_LENGTH = 64;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    /** Below 2^53 every integer is exactly a double. */
    private static final double EXACT_INTEGERS = 9.007_199_254_740_992E15;

    private NumberStrings() {
    }

    static OptionalDouble decimal(String value) {
        String text = value.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return OptionalDouble.empty();
        }
        if (text.indexOf('.') < 0 && text.indexOf(',') == text.lastIndexOf(',')) {
            text = text.replace(',', '.'); // a decimal comma from a writer's locale
        }
        if (!DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double parsed = Double.parseDouble(text);
        return Double.isFinite(parsed) ? OptionalDouble.of(parsed) : OptionalDouble.empty();
    }

    static OptionalLong integer(String value) {
        String text = value.strip();
        if (INTEGER.matcher(text).matches()) {
            return OptionalLong.of(Long.parseLong(text));
        }
        OptionalDouble decimal = decimal(text);
        if (decimal.isPresent()) {
            double number = decimal.getAsDouble();
            if (number == Math.rint(number) && Math.abs(number) < EXACT_INTEGERS) {
                return OptionalLong.of((long) number);
            }
        }
        return OptionalLong.empty();
    }
}
