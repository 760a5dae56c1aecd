package org.imagingtriage.devstack.triton;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.imagingtriage.inference.proto.InferTensorContents;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;

/**
 * Turns each request input's data into one little-endian buffer, from raw_input_contents or from
 * the typed {@code contents} fields, with the checks and messages of Triton's gRPC frontend
 * (server src/grpc/infer_handler.cc, InferGRPCToInput). Typed contents are converted the way
 * Triton converts them: int_contents to INT8/INT16 keep the low bytes, bytes_contents get their
 * 4-byte length prefixes.
 */
final class TensorDataExtractor {

    private TensorDataExtractor() {
    }

    /** One buffer per request input, in request order. */
    static List<ByteString> extract(ModelInferRequest request) {
        List<ByteString> buffers = new ArrayList<>(request.getInputsCount());
        int rawIndex = 0;
        String model = request.getModelName();
        for (InferInputTensor input : request.getInputsList()) {
            if (input.hasContents() && request.getRawInputContentsCount() > 0) {
                throw TritonError.invalidArgument("contents field must not be specified when using raw_input_contents for '"
                        + input.getName() + "' for model '" + model + "'");
            } else if (input.hasContents()) {
                buffers.add(fromContents(input, model));
            } else if (rawIndex < request.getRawInputContentsCount()) {
                // Raw entries pair with inputs by position; extra entries are ignored, as in Triton.
                buffers.add(request.getRawInputContents(rawIndex++));
            } else {
                throw TritonError.invalidArgument("unable to find data for input tensor '" + input.getName()
                        + "' for model '" + model + "' in request.");
            }
        }
        return buffers;
    }

    private static ByteString fromContents(InferInputTensor input, String model) {
        String declared = input.getDatatype();
        WireDataType type = WireDataType.fromWire(declared).orElse(null);
        InferTensorContents contents = input.getContents();
        ByteString data = ByteString.EMPTY;
        if (contents.getBoolContentsCount() > 0) {
            data = checked(input, model, WireDataType.BOOL, type, data);
            ByteBuffer buffer = allocate(contents.getBoolContentsCount(), 1);
            contents.getBoolContentsList().forEach(value -> buffer.put((byte) (value ? 1 : 0)));
            data = finish(buffer);
        }
        if (contents.getIntContentsCount() > 0) {
            WireDataType sent = type == WireDataType.INT8 || type == WireDataType.INT16 ? type : WireDataType.INT32;
            data = checked(input, model, sent, type, data);
            ByteBuffer buffer = allocate(contents.getIntContentsCount(), sent.elementBytes());
            for (int value : contents.getIntContentsList()) {
                putLowBytes(buffer, value, sent.elementBytes());
            }
            data = finish(buffer);
        }
        if (contents.getInt64ContentsCount() > 0) {
            data = checked(input, model, WireDataType.INT64, type, data);
            ByteBuffer buffer = allocate(contents.getInt64ContentsCount(), 8);
            contents.getInt64ContentsList().forEach(buffer::putLong);
            data = finish(buffer);
        }
        if (contents.getUintContentsCount() > 0) {
            WireDataType sent = type == WireDataType.UINT8 || type == WireDataType.UINT16 ? type : WireDataType.UINT32;
            data = checked(input, model, sent, type, data);
            ByteBuffer buffer = allocate(contents.getUintContentsCount(), sent.elementBytes());
            for (int value : contents.getUintContentsList()) {
                putLowBytes(buffer, value, sent.elementBytes());
            }
            data = finish(buffer);
        }
        if (contents.getUint64ContentsCount() > 0) {
            data = checked(input, model, WireDataType.UINT64, type, data);
            ByteBuffer buffer = allocate(contents.getUint64ContentsCount(), 8);
            contents.getUint64ContentsList().forEach(buffer::putLong);
            data = finish(buffer);
        }
        if (contents.getFp32ContentsCount() > 0) {
            data = checked(input, model, WireDataType.FP32, type, data);
            ByteBuffer buffer = allocate(contents.getFp32ContentsCount(), 4);
            contents.getFp32ContentsList().forEach(buffer::putFloat);
            data = finish(buffer);
        }
        if (contents.getFp64ContentsCount() > 0) {
            data = checked(input, model, WireDataType.FP64, type, data);
            ByteBuffer buffer = allocate(contents.getFp64ContentsCount(), 8);
            contents.getFp64ContentsList().forEach(buffer::putDouble);
            data = finish(buffer);
        }
        if (contents.getBytesContentsCount() > 0) {
            data = checked(input, model, WireDataType.BYTES, type, data);
            List<byte[]> elements = new ArrayList<>(contents.getBytesContentsCount());
            contents.getBytesContentsList().forEach(element -> elements.add(element.toByteArray()));
            data = BytesElements.join(elements);
        }
        return data;
    }

    /** Triton's InferGRPCToInputHelper: one typed field per tensor, of the tensor's declared type. */
    private static ByteString checked(InferInputTensor input, String model, WireDataType field, WireDataType declared,
                                      ByteString soFar) {
        if (!soFar.isEmpty()) {
            throw TritonError.invalidArgument("unexpected explicit tensor data for input tensor '" + input.getName()
                    + "' for model '" + model + "', binary data was already supplied.");
        }
        if (field != declared) {
            throw TritonError.invalidArgument("unexpected explicit tensor data for input tensor '" + input.getName()
                    + "' for model '" + model + "' of type '" + field.name() + "', expected datatype '"
                    + (declared == null ? WireDataType.INVALID_NAME : declared.name()) + "'");
        }
        return soFar;
    }

    // The element count is bounded by the received message, whose size gRPC already capped.
    private static ByteBuffer allocate(int elements, int elementBytes) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, elementBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putLowBytes(ByteBuffer buffer, int value, int bytes) {
        switch (bytes) {
            case 1 -> buffer.put((byte) value);
            case 2 -> buffer.putShort((short) value);
            default -> buffer.putInt(value);
        }
    }

    private static ByteString finish(ByteBuffer buffer) {
        buffer.flip();
        return ByteString.copyFrom(buffer);
    }
}
