package org.imagingtriage.topology.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks on a URI's raw path that keep a path-prefix allow-list meaningful: a server may
 * normalise {@code /dicom-web/../admin} or {@code /dicom-web/%2e%2e/admin} into a path outside
 * the prefix after the prefix check has passed, so such paths are refused outright.
 */
public final class HttpPaths {

    private HttpPaths() {
    }

    /**
     * True when a segment is {@code .} or {@code ..} (plain or percent-encoded), or contains an
     * encoded {@code /} or {@code \}, or the path is not valid percent-encoding.
     */
    public static boolean hasUnsafeSegment(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return false;
        }
        for (String raw : rawPath.split("/", -1)) {
            String segment;
            try {
                // URLDecoder turns '+' into a space; a path's '+' is literal, and it cannot make a dot or a slash.
                segment = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return true;
            }
            // Servlet containers drop ";parameters" before resolving dot segments: "..;" is "..".
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..") || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0) {
                return true;
            }
        }
        return false;
    }
}
