package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;

/**
 * The medgemma-4b-it contract: one DRAFT string per batch item, the {@link SimulatedDraft} of
 * that item's IMAGE bytes. The prompt and MAX_NEW_TOKENS do not change the text: tests predict a
 * draft from the image alone.
 */
final class MedGemmaBackend implements SimulatedBackend {

    static final String IMAGE = "IMAGE";
    static final String DRAFT = "DRAFT";

    private final SimulatedModel model;

    MedGemmaBackend(SimulatedModel model) {
        this.model = model;
    }

    @Override
    public SimulatedResponses respond(ValidatedRequest request) {
        ValidatedRequest.InputTensor image = request.input(IMAGE).orElseThrow(
                () -> new IllegalStateException("validation lets no request without IMAGE through"));
        int items = Math.max(1, request.batchSize());
        List<String> drafts = new ArrayList<>(items);
        for (int item = 0; item < items; item++) {
            drafts.add(SimulatedDraft.forImageSha256(
                    SimulatedDraft.sha256(image.item(item, items).asReadOnlyByteBuffer())));
        }
        List<Long> shape = OutputShapes.shape(model, model.outputs().get(DRAFT), request);
        return SimulatedResponses.single(List.of(
                new OutputTensor(DRAFT, WireDataType.BYTES, shape, BytesElements.joinStrings(drafts))));
    }
}
