package org.imagingtriage.devstack.triton;

import java.util.Map;

import org.imagingtriage.inference.proto.ModelInferRequest;

/** Validates a request and queues it on its model version's scheduler. */
final class InferenceGateway {

    private final ModelRegistry registry;
    private final InferRequestValidator validator;
    private final Map<String, ModelRuntime> runtimes;

    InferenceGateway(ModelRegistry registry, Map<String, ModelRuntime> runtimes) {
        this.registry = registry;
        this.validator = new InferRequestValidator(registry);
        this.runtimes = Map.copyOf(runtimes);
    }

    /**
     * @throws TritonError when the request is refused before it is queued; afterwards every
     *                     outcome goes to {@code sink}
     */
    void infer(ModelInferRequest request, boolean viaStream, ResponseSink sink) {
        ValidatedRequest validated = validator.validate(request, viaStream);
        runtime(validated.model().name(), validated.version()).batcher().submit(validated, sink);
    }

    /** False for unknown models too: Triton treats a stream request it cannot resolve as non-decoupled. */
    boolean isDecoupled(ModelInferRequest request) {
        try {
            return registry.resolve(request.getModelName(), request.getModelVersion()).model().decoupled();
        } catch (TritonError e) {
            return false;
        }
    }

    ModelRuntime runtime(String modelName, long version) {
        ModelRuntime runtime = runtimes.get(ModelRuntime.key(modelName, version));
        if (runtime == null) {
            throw new IllegalStateException("no runtime for model '" + modelName + "' version " + version);
        }
        return runtime;
    }

    ModelRegistry registry() {
        return registry;
    }
}
