package org.imagingtriage.topology.config;

import java.util.regex.Pattern;

/** Kafka's rules for topic names, which the broker would otherwise enforce only at creation. */
final class TopicNameRules {

    static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNameRules() {
    }

    static boolean isLegalName(String name) {
        return name.length() <= MAX_LENGTH && LEGAL.matcher(name).matches()
                && !name.equals(".") && !name.equals("..");
    }
}
