package org.imagingtriage.devstack.triton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;

/**
 * Triton's vLLM backend as a client sees it (decoupled, one prompt per request):
 * <ul>
 *   <li>{@code stream} true: the text arrives in several responses, one line each, and the last
 *       of them carries the final flag; otherwise one response with the whole text;</li>
 *   <li>without streaming and without {@code exclude_input_in_output} true, the prompt is echoed
 *       in front of the generated text, as vLLM does;</li>
 *   <li>{@code return_finish_reason} true adds {@code finish_reason} ("stop") to the last response.</li>
 * </ul>
 * The text is the {@link SimulatedDraft} of the SHA-256 of the {@code image} element as sent (the
 * base64 text), or of {@code text_input} when there is no image.
 */
final class VllmBackend implements SimulatedBackend {

    static final String TEXT_INPUT = "text_input";
    static final String IMAGE = "image";
    static final String TEXT_OUTPUT = "text_output";
    static final String FINISH_REASON = "finish_reason";

    private final SimulatedModel model;

    VllmBackend(SimulatedModel model) {
        this.model = model;
    }

    @Override
    public SimulatedResponses respond(ValidatedRequest request) {
        ByteString prompt = firstElement(request, TEXT_INPUT).orElse(ByteString.EMPTY);
        ByteString source = firstElement(request, IMAGE).orElse(prompt);
        String draft = SimulatedDraft.forImageSha256(SimulatedDraft.sha256(source.asReadOnlyByteBuffer()));
        boolean finishReason = flag(request, "return_finish_reason");
        List<String> pieces = new ArrayList<>();
        if (flag(request, "stream")) {
            for (String line : draft.split("(?<=\n)")) {
                pieces.add(line);
            }
        } else {
            boolean echo = !flag(request, "exclude_input_in_output");
            pieces.add((echo ? prompt.toString(StandardCharsets.UTF_8) : "") + draft);
        }
        List<List<OutputTensor>> responses = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            List<OutputTensor> outputs = new ArrayList<>(2);
            outputs.add(text(TEXT_OUTPUT, pieces.get(i)));
            if (finishReason && i == pieces.size() - 1 && model.outputs().containsKey(FINISH_REASON)) {
                outputs.add(text(FINISH_REASON, "stop"));
            }
            responses.add(outputs);
        }
        return new SimulatedResponses(responses, false);
    }

    private static OutputTensor text(String name, String value) {
        return new OutputTensor(name, WireDataType.BYTES, List.of(1L), BytesElements.joinStrings(List.of(value)));
    }

    private static Optional<ByteString> firstElement(ValidatedRequest request, String name) {
        return request.input(name)
                .filter(input -> input.type() == WireDataType.BYTES && !input.elements().isEmpty())
                .map(input -> input.elements().get(0));
    }

    private static boolean flag(ValidatedRequest request, String name) {
        return request.input(name)
                .filter(input -> input.type() == WireDataType.BOOL && !input.data().isEmpty())
                .map(input -> input.data().byteAt(0) != 0)
                .orElse(false);
    }
}
