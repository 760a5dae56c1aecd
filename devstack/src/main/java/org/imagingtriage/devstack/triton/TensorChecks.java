package org.imagingtriage.devstack.triton;

import java.util.List;
import java.util.StringJoiner;

import com.google.protobuf.ByteString;

import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;
import org.imagingtriage.inference.proto.ModelInput;

/**
 * Per-input checks of Triton's request normalization (core src/infer_request.cc, Normalize):
 * data type, shape against the config dims (which exclude the batch dimension of a batching
 * model; -1 matches anything), and the data size: elements times element size for fixed-size
 * types, an exact walk of the length prefixes for BYTES.
 */
final class TensorChecks {

    private static final String BATCH_NOTE = "NOTE: Setting a non-zero max_batch_size in the model config requires a "
            + "batch dimension to be prepended to each input shape. If you want to specify the full shape including "
            + "the batch dim in your input dims config, try setting max_batch_size to zero. See the model "
            + "configuration docs for more info on max_batch_size.";

    private TensorChecks() {
    }

    static ValidatedRequest.InputTensor checked(InferInputTensor input, ByteString data, SimulatedModel model,
                                                int batchSize, String requestId) {
        String prefix = TritonError.requestPrefix(requestId);
        String name = input.getName();
        ModelInput config = model.input(name).orElseThrow();
        WireDataType expected = WireDataType.fromConfig(config.getDataType()).orElseThrow();
        WireDataType sent = WireDataType.fromWire(input.getDatatype()).orElse(null);
        if (sent != expected) {
            throw TritonError.invalidArgument(prefix + "inference input '" + name + "' data-type is '"
                    + (sent == null ? WireDataType.INVALID_NAME : sent.name()) + "', but model '" + model.name()
                    + "' expects '" + expected.name() + "'");
        }
        List<Long> fullShape = input.getShapeList();
        boolean hasBatchDimension = model.batches() && !config.getIsShapeTensor();
        List<Long> shape = hasBatchDimension ? fullShape.subList(1, fullShape.size()) : fullShape;
        checkShape(name, model, config, shape, fullShape, prefix);

        long elements = elementCount(fullShape, name, model, prefix);
        if (expected.isVariableSize()) {
            List<ByteString> split = BytesElements.split(data, elements, requestId, name, model.name());
            return new ValidatedRequest.InputTensor(name, sent, fullShape, data, split);
        }
        long expectedBytes = multiply(elements, expected.elementBytes(), name, model, prefix);
        if (data.size() != expectedBytes) {
            throw TritonError.invalidArgument(prefix + "input byte size mismatch for input '" + name + "' for model '"
                    + model.name() + "'. Expected " + expectedBytes + ", got " + data.size());
        }
        return new ValidatedRequest.InputTensor(name, sent, fullShape, data, List.of());
    }

    private static void checkShape(String name, SimulatedModel model, ModelInput config, List<Long> shape,
                                   List<Long> fullShape, String prefix) {
        List<Long> dims = config.getDimsList();
        boolean matches = dims.size() == shape.size();
        for (int i = 0; matches && i < dims.size(); i++) {
            long got = shape.get(i);
            if (got == -1) {
                throw TritonError.invalidArgument(prefix + "All input dimensions should be specified for input '"
                        + name + "' for model '" + model.name() + "', got " + dims(fullShape));
            }
            // Anything below -1 is no size at all; Triton fails it later, on the byte size.
            matches = got >= 0 && (dims.get(i) == -1 || dims.get(i) == got);
        }
        if (!matches) {
            StringJoiner expected = new StringJoiner(",", "[", "]");
            if (model.batches()) {
                expected.add("-1");
            }
            dims.forEach(dim -> expected.add(Long.toString(dim)));
            throw TritonError.invalidArgument(prefix + "unexpected shape for input '" + name + "' for model '"
                    + model.name() + "'. Expected " + expected + ", got " + dims(fullShape) + ". "
                    + (model.batches() ? BATCH_NOTE : ""));
        }
    }

    private static long elementCount(List<Long> shape, String name, SimulatedModel model, String prefix) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw TritonError.invalidArgument(prefix + "input '" + name + "' for model '" + model.name()
                        + "' has a negative dimension: " + dims(shape));
            }
            count = multiply(count, dim, name, model, prefix);
        }
        return count;
    }

    private static long multiply(long a, long b, String name, SimulatedModel model, String prefix) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw TritonError.invalidArgument(prefix + "input '" + name + "' for model '" + model.name()
                    + "' has a shape too large to compute its byte size");
        }
    }

    static String dims(List<Long> shape) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        shape.forEach(dim -> joiner.add(Long.toString(dim)));
        return joiner.toString();
    }
}
