package org.imagingtriage.devstack.triton;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.ByteString;

/**
 * A request that passed every check Triton makes before queueing it.
 *
 * @param id               the client's id, echoed on every response
 * @param model            the model it runs on
 * @param version          the model version it runs on
 * @param batchSize        the batch dimension it carries; 0 for a model that does not batch
 * @param parameters       the interpreted request parameters
 * @param inputs           in request order, each with its full shape (batch dimension included)
 * @param requestedOutputs empty = every output
 * @param batchSignature   requests batch together only when these are equal (see
 *                         {@link BatchingPolicy#enforceEqualInputs()})
 */
record ValidatedRequest(
        String id,
        SimulatedModel model,
        long version,
        int batchSize,
        RequestParameters parameters,
        List<InputTensor> inputs,
        Set<String> requestedOutputs,
        String batchSignature) {

    ValidatedRequest {
        inputs = List.copyOf(inputs);
        requestedOutputs = Set.copyOf(requestedOutputs);
    }

    /** Batch units the request occupies in a batch: its batch size, at least 1. */
    int batchUnits() {
        return Math.max(1, batchSize);
    }

    Optional<InputTensor> input(String name) {
        return inputs.stream().filter(input -> input.name().equals(name)).findFirst();
    }

    boolean wantsOutput(String name) {
        return requestedOutputs.isEmpty() || requestedOutputs.contains(name);
    }

    /**
     * One input tensor as received.
     *
     * @param shape full shape, batch dimension first for a batching model
     * @param data  little-endian, row-major; BYTES in their length-prefixed layout
     * @param elements for BYTES inputs the elements, else empty
     */
    record InputTensor(String name, WireDataType type, List<Long> shape, ByteString data, List<ByteString> elements) {

        InputTensor {
            shape = List.copyOf(shape);
            elements = List.copyOf(elements);
        }

        /**
         * The bytes of batch item {@code index} of a batched input (element slice for BYTES).
         * For a non-batching model the whole tensor is item 0.
         */
        ByteString item(int index, int itemsInTensor) {
            if (itemsInTensor <= 1) {
                return data;
            }
            if (type.isVariableSize()) {
                int perItem = elements.size() / itemsInTensor;
                List<ByteString> slice = elements.subList(index * perItem, (index + 1) * perItem);
                return slice.size() == 1 ? slice.get(0) : ByteString.copyFrom(slice);
            }
            int itemBytes = data.size() / itemsInTensor;
            return data.substring(index * itemBytes, (index + 1) * itemBytes);
        }
    }
}
