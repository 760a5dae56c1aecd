package org.imagingtriage.topology.review.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's paths, in one place for the server and the JSON that links to them. */
final class ConsolePaths {

    static final String ROOT = "/";
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    static final String STATIC_PREFIX = "/static/";
    static final String SESSION = "/api/session";
    static final String STREAM = "/api/stream";
    static final String DECISIONS = "/api/decisions";
    static final String IMAGES_PREFIX = "/api/images/";

    /** {@code /api/images/<sop>/<eventId>.png}: a UID is digits and dots, an event id a UUID. */
    private static final Pattern IMAGE = Pattern.compile(
            "/api/images/([0-9.]{1,64})/([0-9a-fA-F-]{36})\\.png");

    private ConsolePaths() {
    }

    static String image(String sopInstanceUid, UUID eventId) {
        return IMAGES_PREFIX + URLEncoder.encode(sopInstanceUid, StandardCharsets.UTF_8) + "/" + eventId + ".png";
    }

    record ImageRequest(String sopInstanceUid, UUID eventId) {
    }

    static Optional<ImageRequest> parseImage(String path) {
        Matcher matcher = IMAGE.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ImageRequest(matcher.group(1), UUID.fromString(matcher.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
