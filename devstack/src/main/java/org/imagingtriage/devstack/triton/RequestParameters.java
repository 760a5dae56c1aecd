package org.imagingtriage.devstack.triton;

import java.util.Map;

import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.InferParameter.ParameterChoiceCase;

/**
 * The request parameters Triton's gRPC frontend interprets, checked as it checks them
 * (server src/grpc/infer_handler.cc, SetInferenceRequestMetadata). Other parameters are passed to
 * the backend untouched, which here means ignored, but their value type is still checked.
 *
 * @param priority                 as sent; 0 = the model's default level (Triton stores it as uint64)
 * @param timeoutMicros            as sent, 0 = none; negative values are huge unsigned numbers to Triton
 * @param enableEmptyFinalResponse {@code triton_enable_empty_final_response}: a decoupled model's
 *                                 bare "final" flag reaches the client as an empty response
 */
record RequestParameters(long priority, long timeoutMicros, boolean enableEmptyFinalResponse) {

    static final String PRIORITY = "priority";
    static final String TIMEOUT = "timeout";
    static final String ENABLE_EMPTY_FINAL_RESPONSE = "triton_enable_empty_final_response";
    /** Set by Triton on every response of a stream: true on the last one for its request. */
    static final String FINAL_RESPONSE = "triton_final_response";

    static RequestParameters parse(Map<String, InferParameter> parameters) {
        long priority = 0;
        long timeout = 0;
        boolean emptyFinal = false;
        for (Map.Entry<String, InferParameter> entry : parameters.entrySet()) {
            String key = entry.getKey();
            InferParameter value = entry.getValue();
            ParameterChoiceCase type = value.getParameterChoiceCase();
            switch (key) {
                case "sequence_id", "sequence_start", "sequence_end" -> checkSequenceParameter(key, type);
                case PRIORITY -> priority = priority(value);
                case TIMEOUT -> {
                    if (type != ParameterChoiceCase.INT64_PARAM) {
                        throw TritonError.invalidArgument(
                                "invalid value type for 'timeout' parameter, expected int64_param.");
                    }
                    timeout = value.getInt64Param();
                }
                default -> {
                    if (key.startsWith("triton_")) {
                        emptyFinal = reservedParameter(key, value);
                    } else if (type != ParameterChoiceCase.INT64_PARAM && type != ParameterChoiceCase.BOOL_PARAM
                            && type != ParameterChoiceCase.STRING_PARAM && type != ParameterChoiceCase.DOUBLE_PARAM) {
                        throw TritonError.invalidArgument("invalid value type for '" + key
                                + "' parameter, expected int64_param, bool_param, or string_param.");
                    }
                }
            }
        }
        return new RequestParameters(priority, timeout, emptyFinal);
    }

    private static long priority(InferParameter value) {
        switch (value.getParameterChoiceCase()) {
            case INT64_PARAM -> {
                if (value.getInt64Param() < 0) {
                    throw TritonError.invalidArgument("invalid value for 'priority', expected value >= 0.");
                }
                return value.getInt64Param();
            }
            case UINT64_PARAM -> {
                return value.getUint64Param();
            }
            default -> throw TritonError.invalidArgument(
                    "invalid value type for 'priority' parameter, expected int64_param or uint64_param.");
        }
    }

    private static boolean reservedParameter(String key, InferParameter value) {
        if (!ENABLE_EMPTY_FINAL_RESPONSE.equals(key)) {
            throw TritonError.invalidArgument("parameter keys starting with 'triton_' are reserved for Triton usage. "
                    + "Only the following keys starting with 'triton_' are allowed: " + ENABLE_EMPTY_FINAL_RESPONSE);
        }
        if (value.getParameterChoiceCase() != ParameterChoiceCase.BOOL_PARAM) {
            throw TritonError.invalidArgument(
                    "invalid value type for '" + key + "' parameter, expected bool_param.");
        }
        return value.getBoolParam();
    }

    // Sequence parameters are only meaningful for sequence batching, which no simulated model
    // has, but Triton type-checks them for every model.
    private static void checkSequenceParameter(String key, ParameterChoiceCase type) {
        if ("sequence_id".equals(key)) {
            if (type != ParameterChoiceCase.INT64_PARAM && type != ParameterChoiceCase.STRING_PARAM) {
                throw TritonError.invalidArgument(
                        "invalid value type for 'sequence_id' parameter, expected int64_param or string_param.");
            }
        } else if (type != ParameterChoiceCase.BOOL_PARAM) {
            throw TritonError.invalidArgument(
                    "invalid value type for '" + key + "' parameter, expected bool_param.");
        }
    }
}
