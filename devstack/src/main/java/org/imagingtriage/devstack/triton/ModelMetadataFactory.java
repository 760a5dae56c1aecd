package org.imagingtriage.devstack.triton;

import java.util.List;

import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelOutput;
import org.imagingtriage.inference.proto.ServerMetadataResponse;

/**
 * Metadata responses as Triton builds them (core src/tritonserver.cc,
 * TRITONSERVER_ServerModelMetadata): platform falls back to the backend name, tensors carry
 * wire type names, and a batching model's shapes start with -1 for the batch dimension.
 */
final class ModelMetadataFactory {

    /** ServerMetadata name: what clients that check for Triton look for. */
    static final String SERVER_NAME = "triton";
    /** The Triton release whose behaviour was checked (server TRITON_VERSION 2.73.0dev), marked as simulated. */
    static final String SERVER_VERSION = "2.73.0-simulated";
    /** Triton's extension names for what the simulator implements, plus "simulated". */
    static final List<String> EXTENSIONS =
            List.of("schedule_policy", "model_configuration", "parameters", "statistics", "simulated");

    private ModelMetadataFactory() {
    }

    static ServerMetadataResponse server() {
        return ServerMetadataResponse.newBuilder()
                .setName(SERVER_NAME)
                .setVersion(SERVER_VERSION)
                .addAllExtensions(EXTENSIONS)
                .build();
    }

    /** @param requestedVersion the version asked for, or {@link ModelRegistry#LATEST} for all */
    static ModelMetadataResponse model(SimulatedModel model, long requestedVersion) {
        ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                .setName(model.name())
                .setPlatform(model.platform());
        if (requestedVersion == ModelRegistry.LATEST) {
            model.versions().forEach(version -> metadata.addVersions(Long.toString(version)));
        } else {
            metadata.addVersions(Long.toString(requestedVersion));
        }
        for (ModelInput input : model.config().getInputList()) {
            metadata.addInputs(tensor(model, input.getName(), WireDataType.protocolName(input.getDataType()),
                    input.getDimsList()));
        }
        for (ModelOutput output : model.config().getOutputList()) {
            metadata.addOutputs(tensor(model, output.getName(), WireDataType.protocolName(output.getDataType()),
                    output.getDimsList()));
        }
        return metadata.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(SimulatedModel model, String name, String datatype,
                                                               List<Long> dims) {
        ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(name)
                .setDatatype(datatype);
        if (model.batches()) {
            tensor.addShape(-1);
        }
        return tensor.addAllShape(dims).build();
    }
}
