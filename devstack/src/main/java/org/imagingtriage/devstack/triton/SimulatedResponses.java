package org.imagingtriage.devstack.triton;

import java.util.List;

/**
 * What a simulated backend answers to one request.
 *
 * @param responses         the responses in order, each its output tensors; at least one
 * @param separateFinalFlag true for a decoupled backend that sends its data responses and then
 *                          the "final" flag alone (the Python backend's usual pattern); false when
 *                          the last data response carries the flag (the vLLM backend, and every
 *                          non-decoupled model)
 */
record SimulatedResponses(List<List<OutputTensor>> responses, boolean separateFinalFlag) {

    SimulatedResponses {
        responses = List.copyOf(responses);
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("a request gets at least one response");
        }
    }

    static SimulatedResponses single(List<OutputTensor> outputs) {
        return new SimulatedResponses(List.of(outputs), false);
    }
}
