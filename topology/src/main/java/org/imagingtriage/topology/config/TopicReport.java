package org.imagingtriage.topology.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What provisioning did and found.
 *
 * @param created topics this run created
 * @param findings every difference between the topics and the configuration, errors first
 */
public record TopicReport(List<String> created, List<TopicFinding> findings) {

    public TopicReport {
        created = List.copyOf(created);
        findings = findings.stream()
                .sorted((a, b) -> Boolean.compare(b.isError(), a.isError()))
                .toList();
    }

    public List<TopicFinding> errors() {
        return findings.stream().filter(TopicFinding::isError).toList();
    }

    public List<TopicFinding> warnings() {
        return findings.stream().filter(finding -> !finding.isError()).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(TopicFinding::isError);
    }

    /** Fails start-up with every error in one message, so an operator fixes them in one round. */
    public TopicReport throwIfErrors() {
        if (hasErrors()) {
            throw new TopicProvisioningException("the pipeline's topics are not usable:\n"
                    + errors().stream().map(finding -> "- " + finding.message()).collect(Collectors.joining("\n")));
        }
        return this;
    }
}
