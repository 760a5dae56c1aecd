package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;
import org.imagingtriage.inference.proto.ModelInferRequest.InferRequestedOutputTensor;
import org.imagingtriage.inference.proto.ModelInput;

/**
 * Checks a ModelInferRequest in the order Triton checks it and fails with Triton's code and
 * message: model and version, the gRPC frontend's parameter and data checks, then the core's
 * normalization (core src/infer_request.cc, InferenceRequest::Normalize): requested outputs,
 * input count, input names, batch dimension, batch size, data types, shapes, byte sizes.
 */
final class InferRequestValidator {

    private final ModelRegistry registry;

    InferRequestValidator(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param viaStream true for ModelStreamInfer, the only RPC that may call a decoupled model
     */
    ValidatedRequest validate(ModelInferRequest request, boolean viaStream) {
        ModelRegistry.Resolved resolved = registry.resolve(request.getModelName(), request.getModelVersion());
        SimulatedModel model = resolved.model();
        if (!viaStream && model.decoupled()) {
            throw new TritonError(Status.Code.UNIMPLEMENTED,
                    "ModelInfer RPC doesn't support models with decoupled transaction policy");
        }
        String prefix = TritonError.requestPrefix(request.getId());
        RequestParameters parameters = RequestParameters.parse(request.getParametersMap());
        rejectDuplicateInputs(request, prefix);
        Set<String> requestedOutputs = requestedOutputs(request, prefix);
        List<ByteString> data = TensorDataExtractor.extract(request);

        for (String output : requestedOutputs) {
            if (!model.outputs().containsKey(output)) {
                throw TritonError.invalidArgument("unexpected inference output '" + output + "' for model '" + model.name() + "'");
            }
        }
        InputCountCheck.check(request, model, prefix);
        int batchSize = batchSize(request, model, prefix);
        InputCountCheck.requireAll(request, model, prefix);
        if (batchSize > model.maxBatchSize() && model.batches()) {
            throw TritonError.invalidArgument(prefix + "inference request batch-size must be <= "
                    + model.maxBatchSize() + " for '" + model.name() + "'");
        }
        List<ValidatedRequest.InputTensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            inputs.add(TensorChecks.checked(request.getInputs(i), data.get(i), model, batchSize, request.getId()));
        }
        return new ValidatedRequest(request.getId(), model, resolved.version(), batchSize, parameters, inputs,
                requestedOutputs, signature(model, inputs));
    }

    private static Set<String> requestedOutputs(ModelInferRequest request, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!names.add(output.getName())) {
                throw TritonError.invalidArgument(prefix + "output '" + output.getName() + "' already exists in request");
            }
        }
        return names;
    }

    private static void rejectDuplicateInputs(ModelInferRequest request, String prefix) {
        Set<String> names = new HashSet<>();
        for (InferInputTensor input : request.getInputsList()) {
            if (!names.add(input.getName())) {
                throw TritonError.invalidArgument(prefix + "input '" + input.getName() + "' already exists in request");
            }
        }
    }

    /** Looks every input up and reads the batch dimension all of them must share. */
    private static int batchSize(ModelInferRequest request, SimulatedModel model, String prefix) {
        long batchSize = 0;
        for (InferInputTensor input : request.getInputsList()) {
            ModelInput config = model.input(input.getName()).orElseThrow(() -> TritonError.invalidArgument(
                    "unexpected inference input '" + input.getName() + "' for model '" + model.name() + "'"));
            if (!model.batches() || config.getIsShapeTensor()) {
                continue;
            }
            if (input.getShapeCount() == 0) {
                throw TritonError.invalidArgument(prefix + "input '" + input.getName()
                        + "' has no shape but model requires batch dimension for '" + model.name() + "'");
            }
            long first = input.getShape(0);
            if (batchSize == 0) {
                batchSize = first;
            } else if (first != batchSize) {
                throw TritonError.invalidArgument(prefix + "input '" + input.getName()
                        + "' batch size does not match other inputs for '" + model.name() + "'");
            }
        }
        if (batchSize < 0 || batchSize > Integer.MAX_VALUE) {
            // Triton holds the batch size in a uint32: a negative one is enormous.
            throw TritonError.invalidArgument(prefix + "inference request batch-size must be <= "
                    + model.maxBatchSize() + " for '" + model.name() + "'");
        }
        return (int) batchSize;
    }

    // Requests that differ in which optional inputs they carry, or in the shape of a
    // variable-size input, cannot share a batch.
    private static String signature(SimulatedModel model, List<ValidatedRequest.InputTensor> inputs) {
        if (!model.batching().enforceEqualInputs()) {
            return "";
        }
        TreeMap<String, List<Long>> shapes = new TreeMap<>();
        for (ValidatedRequest.InputTensor input : inputs) {
            List<Long> shape = input.shape();
            shapes.put(input.name(), model.batches() && !shape.isEmpty() ? shape.subList(1, shape.size()) : shape);
        }
        return shapes.toString();
    }
}
