package org.imagingtriage.devstack.triton;

import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;
import org.imagingtriage.inference.proto.ModelInput;

/**
 * Triton's input count check (core src/infer_request.cc, ValidateRequestInputs), message for
 * message, including its quirk of printing a lone "]" when nothing required is missing.
 *
 * <p>Triton only compares counts, so a request that leaves out a required input but adds an
 * optional one passes and fails later in the backend. The simulator has no backend to fail in:
 * {@link #requireAll} refuses that request with the same message, after the input names have
 * been checked so that a misspelt name still gets Triton's "unexpected inference input".
 */
final class InputCountCheck {

    private InputCountCheck() {
    }

    /** Triton's check: the number of inputs lies between the required and the declared count. */
    static void check(ModelInferRequest request, SimulatedModel model, String prefix) {
        int sent = request.getInputsCount();
        if (sent > model.inputs().size() || sent < model.requiredInputCount()) {
            throw failure(request, model, prefix);
        }
    }

    /** The simulator's addition: every required input is present. */
    static void requireAll(ModelInferRequest request, SimulatedModel model, String prefix) {
        Set<String> sentNames = names(request);
        boolean missingRequired = model.inputs().values().stream()
                .anyMatch(input -> !input.getOptional() && !sentNames.contains(input.getName()));
        if (missingRequired) {
            throw failure(request, model, prefix);
        }
    }

    private static Set<String> names(ModelInferRequest request) {
        Set<String> sentNames = new HashSet<>();
        request.getInputsList().forEach(input -> sentNames.add(input.getName()));
        return sentNames;
    }

    private static TritonError failure(ModelInferRequest request, SimulatedModel model, String prefix) {
        int sent = request.getInputsCount();
        int declared = model.inputs().size();
        int required = model.requiredInputCount();
        Set<String> sentNames = names(request);
        String got = "for model '" + model.name() + "'. Got input(s) " + sentList(request)
                + ", but missing required input(s) " + missingList(model, sentNames)
                + ". Please provide all required input(s).";
        if (declared == required) {
            return TritonError.invalidArgument(prefix + "expected " + declared + " inputs but got " + sent + " inputs " + got);
        }
        return TritonError.invalidArgument(prefix + "expected number of inputs between " + required + " and "
                + declared + " but got " + sent + " inputs " + got);
    }

    private static String sentList(ModelInferRequest request) {
        if (request.getInputsCount() == 0) {
            return "[]";
        }
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (InferInputTensor input : request.getInputsList()) {
            joiner.add("'" + input.getName() + "'");
        }
        return joiner.toString();
    }

    // Triton builds "[" + "'name'," per missing input, drops the last character and appends "]":
    // with nothing missing that drops the "[" itself.
    private static String missingList(SimulatedModel model, Set<String> sentNames) {
        StringBuilder missing = new StringBuilder("[");
        for (ModelInput input : model.inputs().values()) {
            if (!input.getOptional() && !sentNames.contains(input.getName())) {
                missing.append('\'').append(input.getName()).append("',");
            }
        }
        missing.setLength(missing.length() - 1);
        return missing.append(']').toString();
    }
}
