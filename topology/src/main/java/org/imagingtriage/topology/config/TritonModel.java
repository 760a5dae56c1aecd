package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.imagingtriage.inference.medgemma.GenerationParameters;
import org.imagingtriage.inference.medgemma.MedGemmaContract;

/**
 * Which model Triton runs for a draft, and how it is asked.
 *
 * @param name the model in Triton's repository
 * @param version a version number, or empty for the model's version policy (normally the latest)
 * @param maxNewTokens overrides the prompt catalog's {@code generation.maxNewTokens} when set
 * @param queueTimeout how long Triton may queue a request before rejecting it; empty for the
 *     model's own default. It only shortens a non-zero default timeout of the model (Triton's rule)
 */
public record TritonModel(String name, String version, OptionalInt maxNewTokens, Optional<Duration> queueTimeout) {

    public static final String DEFAULT_NAME = MedGemmaContract.MODEL_NAME;
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,18}");

    public TritonModel {
        if (name == null || name.isBlank()) {
            throw new TriageConfigException(ConfigKeys.TRITON_MODEL_NAME, ConfigKeys.TRITON_MODEL_NAME + " must not be blank");
        }
        Objects.requireNonNull(version, ConfigKeys.TRITON_MODEL_VERSION);
        if (!version.isEmpty() && !VERSION.matcher(version).matches()) {
            throw new TriageConfigException(ConfigKeys.TRITON_MODEL_VERSION, ConfigKeys.TRITON_MODEL_VERSION
                    + " must be a positive whole number, or unset for the model's version policy");
        }
        Objects.requireNonNull(maxNewTokens, ConfigKeys.TRITON_MAX_NEW_TOKENS);
        maxNewTokens.ifPresent(tokens -> {
            if (tokens < 1 || tokens > GenerationParameters.MAX_NEW_TOKENS_LIMIT) {
                throw new TriageConfigException(ConfigKeys.TRITON_MAX_NEW_TOKENS, ConfigKeys.TRITON_MAX_NEW_TOKENS
                        + " must be between 1 and " + GenerationParameters.MAX_NEW_TOKENS_LIMIT);
            }
        });
        Objects.requireNonNull(queueTimeout, ConfigKeys.TRITON_QUEUE_TIMEOUT_MS);
        queueTimeout.ifPresent(timeout -> Durations.requirePositive(timeout, ConfigKeys.TRITON_QUEUE_TIMEOUT_MS));
    }

    /** medgemma-4b-it at its version policy, the catalog's token limit, the model's queue timeout. */
    public static TritonModel defaults() {
        return new TritonModel(DEFAULT_NAME, "", OptionalInt.empty(), Optional.empty());
    }

    public static TritonModel from(ConfigValues values) {
        return new TritonModel(
                values.string(ConfigKeys.TRITON_MODEL_NAME, DEFAULT_NAME),
                values.string(ConfigKeys.TRITON_MODEL_VERSION, ""),
                values.optionalInteger(ConfigKeys.TRITON_MAX_NEW_TOKENS),
                values.optionalMillis(ConfigKeys.TRITON_QUEUE_TIMEOUT_MS));
    }

    /** The generation the pipeline asks for: this override, else what the prompt catalog says. */
    public GenerationParameters generation(GenerationParameters fromCatalog) {
        return maxNewTokens.isPresent()
                ? new GenerationParameters(maxNewTokens.getAsInt(), fromCatalog.greedy())
                : fromCatalog;
    }
}
