package org.imagingtriage.topology.review.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Objects;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.topology.review.DraftPrinter;
import org.imagingtriage.topology.review.worklist.WorklistItem;

/**
 * Worklist items as the page reads them. Only the draft's and the decision's own fields go out:
 * a draft holds no patient data (the pipeline refuses identified images), and nothing is added
 * from elsewhere. Values are data for the page to put in as text, never markup.
 */
final class ItemJson {

    private final ObjectMapper mapper;

    ItemJson(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    ObjectNode item(WorklistItem item) {
        DraftFinding draft = item.draft();
        ObjectNode node = mapper.createObjectNode();
        node.put("sopInstanceUid", draft.getSopInstanceUid());
        node.put("studyInstanceUid", draft.getStudyInstanceUid());
        node.put("eventId", draft.getEventId().toString());
        node.put("modality", draft.getModality());
        node.put("priority", draft.getPriority().name());
        node.put("urgency", draft.getUrgency().name());
        ArrayNode findings = node.putArray("criticalFindings");
        draft.getCriticalFindings().forEach(findings::add);
        node.put("draftText", draft.getDraftText());
        node.put("disclaimer", draft.getDisclaimer() == null || draft.getDisclaimer().isBlank()
                ? DraftPrinter.FALLBACK_DISCLAIMER : draft.getDisclaimer());
        node.set("provenance", provenance(draft.getProvenance()));
        node.set("latency", latency(draft.getLatency()));
        node.put("image", ConsolePaths.image(draft.getSopInstanceUid(), draft.getEventId()));
        if (item.decision().isPresent()) {
            node.set("decision", decision(item.decision().get()));
        } else {
            node.putNull("decision");
        }
        return node;
    }

    ObjectNode snapshot(Collection<WorklistItem> items) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(item -> array.add(item(item)));
        return node;
    }

    String text(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to render", e);
        }
    }

    private ObjectNode provenance(Provenance provenance) {
        ObjectNode node = mapper.createObjectNode();
        node.put("modelName", provenance.getModelName());
        node.put("modelVersion", provenance.getModelVersion());
        node.put("promptId", provenance.getPromptId());
        node.put("promptSha256", provenance.getPromptSha256());
        node.put("inputSha256", provenance.getInputSha256());
        node.put("preprocessingVersion", provenance.getPreprocessingVersion());
        node.put("pipelineVersion", provenance.getPipelineVersion());
        node.put("simulated", provenance.getSimulated());
        return node;
    }

    private ObjectNode latency(Latency latency) {
        ObjectNode node = mapper.createObjectNode();
        node.put("feedToPipelineMs", latency.getFeedToPipelineMs());
        node.put("preprocessMs", latency.getPreprocessMs());
        node.put("inferenceMs", latency.getInferenceMs());
        node.put("endToEndMs", latency.getEndToEndMs());
        node.put("createdAt", latency.getCreatedAt().toEpochMilli());
        node.put("receivedAt", latency.getReceivedAt().toEpochMilli());
        node.put("draftedAt", latency.getDraftedAt().toEpochMilli());
        return node;
    }

    private ObjectNode decision(ReviewDecision decision) {
        ObjectNode node = mapper.createObjectNode();
        node.put("decisionId", decision.getDecisionId() == null ? null : decision.getDecisionId().toString());
        node.put("decision", decision.getDecision().name());
        node.put("reviewer", decision.getReviewer());
        node.put("editedText", decision.getEditedText());
        node.put("decidedAt", decision.getDecidedAt().toEpochMilli());
        return node;
    }
}
