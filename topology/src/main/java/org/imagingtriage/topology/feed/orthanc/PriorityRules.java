package org.imagingtriage.topology.feed.orthanc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imagingtriage.contract.Priority;

/** The routing table: the first rule that matches decides; without a match, the default. */
public record PriorityRules(List<PriorityRule> rules, Priority fallback) {

    public PriorityRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(fallback, "fallback");
    }

    public Priority priorityOf(Map<String, String> tags) {
        return rules.stream().filter(rule -> rule.matches(tags)).findFirst()
                .map(PriorityRule::priority).orElse(fallback);
    }
}
