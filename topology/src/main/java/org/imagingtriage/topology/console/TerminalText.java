package org.imagingtriage.topology.console;

/**
 * Makes untrusted text safe to print on an operator's terminal. Draft text is model output and
 * file names are whatever an export wrote: either may hold escape sequences that would move the
 * cursor, rewrite earlier lines or retitle the window, so control characters are shown as '?'.
 */
public final class TerminalText {

    private static final char REPLACEMENT = '?';

    private TerminalText() {
    }

    /** {@code text} with every control character (C0, DEL, C1, line breaks included) replaced. */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) || isBidiControl(c) ? REPLACEMENT : c);
        }
        return safe.toString();
    }

    /** At most {@code max} characters of {@link #safe(String) safe} text, "..." marking a cut. */
    public static String safe(String text, int max) {
        String safe = safe(text);
        return safe.length() <= max ? safe : safe.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** Bidirectional overrides can make printed text read differently from what it is. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
