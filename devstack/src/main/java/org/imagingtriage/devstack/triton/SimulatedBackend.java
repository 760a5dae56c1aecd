package org.imagingtriage.devstack.triton;

import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelOutput;

/**
 * Makes the outputs of one request, deterministically from its inputs. Every output the
 * simulator makes is a simulation, and every response says so in its {@code simulated} parameter.
 */
interface SimulatedBackend {

    SimulatedResponses respond(ValidatedRequest request);

    /**
     * MedGemma's contract (UINT8 IMAGE in, BYTES DRAFT of dims [1] out) gets structured drafts, the vLLM
     * backend streamed text, any other model generic values of its declared output types.
     */
    static SimulatedBackend forModel(SimulatedModel model) {
        if ("vllm".equals(model.config().getBackend())) {
            return new VllmBackend(model);
        }
        ModelInput image = model.inputs().get(MedGemmaBackend.IMAGE);
        ModelOutput draft = model.outputs().get(MedGemmaBackend.DRAFT);
        if (image != null && image.getDataType() == DataType.TYPE_UINT8
                && draft != null && draft.getDataType() == DataType.TYPE_STRING
                && draft.getDimsList().equals(java.util.List.of(1L))) {
            return new MedGemmaBackend(model);
        }
        return new GenericBackend(model);
    }
}
