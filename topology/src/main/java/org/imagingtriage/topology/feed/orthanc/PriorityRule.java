package org.imagingtriage.topology.feed.orthanc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.imagingtriage.contract.Priority;

/**
 * One row of the feed's routing table: when every condition holds, the instance gets this
 * priority. Written {@code Keyword=Value[,Keyword=Value...]->PRIORITY}, for example
 * {@code RequestedProcedurePriority=STAT->STAT} or {@code Modality=CT,BodyPartExamined=HEAD->URGENT}.
 * Keywords are DICOM attribute keywords as Orthanc's simplified tags name them; values compare
 * exactly after trimming the DICOM padding, case-insensitively.
 */
public record PriorityRule(Map<String, String> conditions, Priority priority) {

    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final String ARROW = "->";

    public PriorityRule {
        conditions = Map.copyOf(conditions);
        Objects.requireNonNull(priority, "priority");
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a priority rule needs at least one Keyword=Value condition");
        }
    }

    /** Parses {@code Keyword=Value[,Keyword=Value...]->PRIORITY}; the message says what is wrong. */
    public static PriorityRule parse(String text) {
        int arrow = text.lastIndexOf(ARROW);
        if (arrow < 0) {
            throw invalid("it has no '->PRIORITY'");
        }
        Priority priority;
        String name = text.substring(arrow + ARROW.length()).trim().toUpperCase(Locale.ROOT);
        try {
            priority = Priority.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw invalid("the priority must be STAT, URGENT or ROUTINE");
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String condition : text.substring(0, arrow).split(",")) {
            int equals = condition.indexOf('=');
            if (equals < 0) {
                throw invalid("a condition is not Keyword=Value");
            }
            String keyword = condition.substring(0, equals).trim();
            if (!KEYWORD.matcher(keyword).matches()) {
                throw invalid("a keyword is not a DICOM attribute keyword such as Modality");
            }
            if (conditions.put(keyword, condition.substring(equals + 1).trim()) != null) {
                throw invalid("a keyword appears twice");
            }
        }
        return new PriorityRule(conditions, priority);
    }

    /** True when every condition's tag is present with that value. */
    public boolean matches(Map<String, String> tags) {
        return conditions.entrySet().stream().allMatch(condition -> {
            String value = tags.get(condition.getKey());
            return value != null && value.trim().equalsIgnoreCase(condition.getValue());
        });
    }

    // The rule is the operator's own text, so it can be quoted back; tag values never are.
    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("a priority rule must be Keyword=Value[,Keyword=Value...]->PRIORITY: "
                + why);
    }
}
