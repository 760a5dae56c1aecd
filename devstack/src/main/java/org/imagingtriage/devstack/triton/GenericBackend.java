package org.imagingtriage.devstack.triton;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.imagingtriage.inference.proto.ModelOutput;
import org.imagingtriage.inference.proto.ModelParameter;

/**
 * Any model without a dedicated simulation: every declared output filled with values derived
 * from the SHA-256 of the request's inputs, so equal requests get equal outputs. Numbers are
 * small and finite (integers 0-255, floats in [0, 1)); strings read "simulated:<output>:<n>:<hash>".
 *
 * <p>A decoupled model answers each request with several responses (3, or the model config
 * parameter {@value #RESPONSES_PARAMETER}) and then the bare final flag, as a Python-backend model
 * that calls {@code response_sender.send(flags=FINAL)} does.
 */
final class GenericBackend implements SimulatedBackend {

    static final String RESPONSES_PARAMETER = "simulator_responses_per_request";
    private static final int DEFAULT_DECOUPLED_RESPONSES = 3;
    private static final int MAX_DECOUPLED_RESPONSES = 1000;
    /** Simulated outputs larger than this are refused rather than allocated. */
    private static final long MAX_OUTPUT_BYTES = 64L << 20;

    private final SimulatedModel model;
    private final int responsesPerRequest;

    GenericBackend(SimulatedModel model) {
        this.model = model;
        this.responsesPerRequest = model.decoupled() ? responsesPerRequest(model.config().getParametersMap()) : 1;
    }

    @Override
    public SimulatedResponses respond(ValidatedRequest request) {
        byte[] digest = RequestDigest.of(request);
        List<List<OutputTensor>> responses = new ArrayList<>(responsesPerRequest);
        for (int index = 0; index < responsesPerRequest; index++) {
            List<OutputTensor> outputs = new ArrayList<>();
            for (ModelOutput output : model.outputs().values()) {
                outputs.add(output(output, request, digest, index));
            }
            responses.add(outputs);
        }
        return new SimulatedResponses(responses, model.decoupled());
    }

    private OutputTensor output(ModelOutput output, ValidatedRequest request, byte[] digest, int responseIndex) {
        WireDataType type = WireDataType.fromConfig(output.getDataType()).orElseThrow();
        List<Long> shape = OutputShapes.shape(model, output, request);
        long elements = OutputShapes.elementCount(shape);
        long bytes = type.isVariableSize() ? elements * 48 : elements * type.elementBytes();
        if (bytes > MAX_OUTPUT_BYTES) {
            throw new IllegalStateException("simulated output '" + output.getName() + "' would take " + bytes
                    + " bytes, more than " + MAX_OUTPUT_BYTES);
        }
        byte[] values = stream(digest, output.getName() + "#" + responseIndex, (int) elements);
        if (type.isVariableSize()) {
            List<String> strings = new ArrayList<>((int) elements);
            String hash = HexFormat.of().formatHex(digest, 0, 4);
            for (int i = 0; i < elements; i++) {
                strings.add("simulated:" + output.getName() + ":" + (responseIndex * elements + i) + ":" + hash);
            }
            return new OutputTensor(output.getName(), type, shape, BytesElements.joinStrings(strings));
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte value : values) {
            put(buffer, type, Byte.toUnsignedInt(value));
        }
        buffer.flip();
        return new OutputTensor(output.getName(), type, shape, ByteString.copyFrom(buffer));
    }

    private static void put(ByteBuffer buffer, WireDataType type, int value) {
        switch (type) {
            case BOOL -> buffer.put((byte) (value & 1));
            case UINT8, INT8 -> buffer.put((byte) (value & 0x7F));
            case UINT16, INT16 -> buffer.putShort((short) value);
            case UINT32, INT32 -> buffer.putInt(value);
            case UINT64, INT64 -> buffer.putLong(value);
            case FP32 -> buffer.putFloat(value / 256f);
            case FP64 -> buffer.putDouble(value / 256d);
            // Half floats: the bit patterns of small positive numbers, enough for a simulation.
            case FP16 -> buffer.putShort((short) (0x3000 | value));
            case BF16 -> buffer.putShort((short) (0x3E00 | (value & 0x7F)));
            default -> throw new IllegalStateException("no fixed-size encoding for " + type);
        }
    }

    /** {@code count} pseudo-random bytes: SHA-256 in counter mode over the digest and a label. */
    private static byte[] stream(byte[] digest, String label, int count) {
        byte[] out = new byte[count];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] salt = label.getBytes(StandardCharsets.UTF_8);
            for (int block = 0, offset = 0; offset < count; block++) {
                sha.update(digest);
                sha.update(salt);
                sha.update(ByteBuffer.allocate(4).putInt(block).array());
                byte[] chunk = sha.digest();
                int length = Math.min(chunk.length, count - offset);
                System.arraycopy(chunk, 0, out, offset, length);
                offset += length;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return out;
    }

    private static int responsesPerRequest(Map<String, ModelParameter> parameters) {
        ModelParameter parameter = parameters.get(RESPONSES_PARAMETER);
        if (parameter == null) {
            return DEFAULT_DECOUPLED_RESPONSES;
        }
        try {
            int value = Integer.parseInt(parameter.getStringValue().trim());
            if (value < 1 || value > MAX_DECOUPLED_RESPONSES) {
                throw new IllegalArgumentException(RESPONSES_PARAMETER + " must be in [1, " + MAX_DECOUPLED_RESPONSES
                        + "] but was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RESPONSES_PARAMETER + " must be an integer but was '"
                    + parameter.getStringValue() + "'", e);
        }
    }
}
