package org.imagingtriage.devstack.triton;

import java.util.List;

import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferResponse;

/**
 * Builds KServe v2 responses: outputs in raw_output_contents (one entry per output, in output
 * order, as Triton's gRPC frontend sends them), only the requested outputs when the request named
 * any, and the {@value #SIMULATED} parameter on every response.
 */
final class ResponseFactory {

    /** Response parameter (bool true) on everything the simulator answers. */
    static final String SIMULATED = "simulated";

    private ResponseFactory() {
    }

    static ModelInferResponse response(ValidatedRequest request, List<OutputTensor> outputs) {
        ModelInferResponse.Builder response = header(request);
        for (OutputTensor output : outputs) {
            if (!request.wantsOutput(output.name())) {
                continue;
            }
            response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(output.name())
                    .setDatatype(output.type().name())
                    .addAllShape(output.shape()));
            response.addRawOutputContents(output.data());
        }
        return response.build();
    }

    /** A response without outputs: the empty final response of a decoupled request. */
    static ModelInferResponse empty(ValidatedRequest request) {
        return header(request).build();
    }

    private static ModelInferResponse.Builder header(ValidatedRequest request) {
        return ModelInferResponse.newBuilder()
                .setModelName(request.model().name())
                .setModelVersion(Long.toString(request.version()))
                .setId(request.id())
                .putParameters(SIMULATED, InferParameter.newBuilder().setBoolParam(true).build());
    }
}
