package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;

import org.imagingtriage.inference.proto.ModelOutput;

/** Shapes of simulated outputs. */
final class OutputShapes {

    private OutputShapes() {
    }

    /**
     * The config dims with the request's batch dimension in front for a batching model. A
     * variable dimension (-1) becomes 1: a simulated output has no data-dependent length.
     */
    static List<Long> shape(SimulatedModel model, ModelOutput output, ValidatedRequest request) {
        List<Long> shape = new ArrayList<>(output.getDimsCount() + 1);
        if (model.batches()) {
            shape.add((long) request.batchSize());
        }
        for (long dim : output.getDimsList()) {
            shape.add(dim == -1 ? 1L : dim);
        }
        return shape;
    }

    static long elementCount(List<Long> shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }
}
