package org.imagingtriage.tests.browser;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/** Worklist items in the review API's JSON shape, for the browser tests' fixture server. */
final class ReviewItems {

    static final String DISCLAIMER = "AI-generated draft, not a diagnosis: a qualified clinician must review it.";
    static final String PROMPT_SHA256 = "3f7a".repeat(16);
    static final String INPUT_SHA256 = "9c01".repeat(16);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReviewItems() {
    }

    /**
     * A pending, simulated draft for one instance, drafted {@code waited} ago. Its image is served
     * by the fixture at /api/images/&lt;eventId&gt;.png.
     */
    static ObjectNode pending(String sop, String urgency, String priority, String modality, Duration waited,
                              String draftText, String... criticalFindings) {
        String eventId = UUID.randomUUID().toString();
        long draftedAt = System.currentTimeMillis() - waited.toMillis();
        ObjectNode item = JSON.objectNode()
                .put("sopInstanceUid", sop)
                .put("studyInstanceUid", sop + ".0")
                .put("eventId", eventId)
                .put("modality", modality)
                .put("priority", priority)
                .put("urgency", urgency)
                .put("draftText", draftText)
                .put("disclaimer", DISCLAIMER + " (item)")
                .put("image", "/api/images/" + eventId + ".png");
        item.putArray("criticalFindings").addAll(Arrays.stream(criticalFindings).map(JSON::textNode).toList());
        item.putObject("provenance")
                .put("modelName", "medgemma-4b-it")
                .put("modelVersion", "1")
                .put("promptId", "chest-xray-v3")
                .put("promptSha256", PROMPT_SHA256)
                .put("inputSha256", INPUT_SHA256)
                .put("preprocessingVersion", "letterbox-896-v2")
                .put("pipelineVersion", "0.1.0-SNAPSHOT")
                .put("simulated", true);
        item.putObject("latency")
                .put("feedToPipelineMs", 12)
                .put("preprocessMs", 80)
                .put("inferenceMs", 2000)
                .put("endToEndMs", 2150)
                .put("createdAt", draftedAt - 2150)
                .put("receivedAt", draftedAt - 2138)
                .put("draftedAt", draftedAt);
        item.putNull("decision");
        return item;
    }

    /** The item with a decision recorded on it. */
    static ObjectNode decided(ObjectNode item, String decisionId, String decision, String reviewer, String editedText) {
        ObjectNode copy = item.deepCopy();
        copy.putObject("decision")
                .put("decisionId", decisionId)
                .put("decision", decision)
                .put("reviewer", reviewer)
                .put("editedText", editedText)
                .put("decidedAt", System.currentTimeMillis());
        return copy;
    }
}
