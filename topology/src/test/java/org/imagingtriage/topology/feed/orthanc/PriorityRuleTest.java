package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.imagingtriage.contract.Priority;
import org.junit.jupiter.api.Test;

class PriorityRuleTest {

    @Test
    void theFirstMatchingRuleDecidesAndTheFallbackOtherwise() {
        // given: a routing table
        PriorityRules rules = new PriorityRules(List.of(
                PriorityRule.parse("RequestedProcedurePriority=STAT->STAT"),
                PriorityRule.parse("Modality = CT , BodyPartExamined = HEAD -> urgent"),
                PriorityRule.parse("Modality=CT->ROUTINE")), Priority.ROUTINE);

        // then: conditions all hold for a match, values compare trimmed and case-insensitively
        assertThat(rules.priorityOf(Map.of("RequestedProcedurePriority", "stat "))).isEqualTo(Priority.STAT);
        assertThat(rules.priorityOf(Map.of("Modality", "CT", "BodyPartExamined", "HEAD"))).isEqualTo(Priority.URGENT);
        assertThat(rules.priorityOf(Map.of("Modality", "CT", "BodyPartExamined", "CHEST")))
                .isEqualTo(Priority.ROUTINE);
        assertThat(rules.priorityOf(Map.of("Modality", "MR"))).isEqualTo(Priority.ROUTINE);
        assertThat(new PriorityRules(List.of(), Priority.URGENT).priorityOf(Map.of())).isEqualTo(Priority.URGENT);
    }

    @Test
    void malformedRulesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> PriorityRule.parse("Modality=CT")).hasMessageContaining("no '->PRIORITY'");
        assertThatThrownBy(() -> PriorityRule.parse("Modality=CT->SOON")).hasMessageContaining("STAT, URGENT or ROUTINE");
        assertThatThrownBy(() -> PriorityRule.parse("Modality->STAT")).hasMessageContaining("not Keyword=Value");
        assertThatThrownBy(() -> PriorityRule.parse("(0008:0060)=CT->STAT")).hasMessageContaining("keyword");
        assertThatThrownBy(() -> PriorityRule.parse("Modality=CT,Modality=MR->STAT")).hasMessageContaining("twice");
    }
}
