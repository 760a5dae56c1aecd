package org.imagingtriage.topology.inference;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.inference.InferResult;
import org.imagingtriage.inference.ModelBinding;
import org.imagingtriage.inference.PermanentTritonException;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonErrors;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.inference.medgemma.DraftParser;
import org.imagingtriage.inference.medgemma.GenerationParameters;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.inference.medgemma.MedGemmaInput;
import org.imagingtriage.inference.medgemma.MedGemmaRequest;
import org.imagingtriage.inference.medgemma.PromptCatalog;
import org.imagingtriage.inference.medgemma.TriagePriority;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.observability.InferenceOutcome;
import org.imagingtriage.topology.observability.TriageMetrics;

/**
 * ModelInfer per image, waited for ({@link #infer}) or not ({@link #submit}): the prompt chosen
 * by modality and body part, the Triton priority level from the event's priority, the answer
 * parsed into a draft.
 */
public final class TritonDraftInference implements DraftInference, AsyncDraftInference {

    /** The response parameter the Triton simulator sets on everything it answers. */
    public static final String SIMULATED_PARAMETER = "simulated";
    /** The simulator's first line of text, in case a proxy dropped the response parameters. */
    private static final String SIMULATED_MARKER = "[SIMULATED";

    private final TritonClient client;
    private final ModelBinding binding;
    private final String requestedVersion;
    private final PromptCatalog catalog;
    private final GenerationParameters generation;
    private final Optional<Duration> queueTimeout;
    private final TriageMetrics metrics;
    private final DraftParser parser = new DraftParser();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param binding the model as {@code TritonClient.bind} checked it at start-up
     * @param requestedVersion the configured version, or empty for the model's version policy
     */
    public TritonDraftInference(TritonClient client, ModelBinding binding, String requestedVersion,
                                PromptCatalog catalog, GenerationParameters generation,
                                Optional<Duration> queueTimeout, TriageMetrics metrics) {
        this.client = Objects.requireNonNull(client, "client");
        this.binding = Objects.requireNonNull(binding, "binding");
        this.requestedVersion = Objects.requireNonNull(requestedVersion, "requestedVersion");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.queueTimeout = Objects.requireNonNull(queueTimeout, "queueTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Requests sent and not yet answered, for the in-flight gauge. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public InferredDraft infer(ImageEvent event, PreprocessedImage image) {
        CompletableFuture<InferredDraft> pending = submit(event, image);
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientTritonException(io.grpc.Status.Code.CANCELLED, "ModelInfer",
                    "interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw unwrap(e);
        }
    }

    @Override
    public CompletableFuture<InferredDraft> submit(ImageEvent event, PreprocessedImage image) {
        MedGemmaInput input;
        try {
            input = request(event, image);
        } catch (IllegalArgumentException unbuildable) {
            return CompletableFuture.failedFuture(unbuildable);
        }
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        CompletableFuture<InferResult> call = client.infer(input.request());
        CompletableFuture<InferredDraft> drafted = call.handle((result, failure) -> {
            inFlight.decrementAndGet();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (failure != null) {
                TritonException triton = classify(failure);
                metrics.recordInference(triton.isTransient() ? InferenceOutcome.TRANSIENT_ERROR
                        : InferenceOutcome.PERMANENT_ERROR, took);
                throw triton;
            }
            metrics.recordInference(InferenceOutcome.SUCCESS, took);
            return draft(result, input, took);
        });
        drafted.whenComplete((ignored, failure) -> {
            if (drafted.isCancelled()) {
                call.cancel(true);
            }
        });
        return drafted;
    }

    private MedGemmaInput request(ImageEvent event, PreprocessedImage image) {
        MedGemmaRequest builder = MedGemmaRequest.builder(catalog)
                .model(binding.modelName(), requestedVersion)
                .requestId(event.getEventId().toString())
                .pixels(image.pixels())
                .modality(event.getModality())
                .bodyPart(event.getBodyPart())
                .priority(TriagePriority.valueOf(event.getPriority().name()))
                .generation(generation);
        queueTimeout.ifPresent(builder::queueTimeout);
        return builder.build();
    }

    private InferredDraft draft(InferResult result, MedGemmaInput input, Duration took) {
        String text = draftText(result);
        boolean simulated = result.boolParameter(SIMULATED_PARAMETER).orElse(false)
                || text.startsWith(SIMULATED_MARKER);
        return new InferredDraft(parser.parse(text), text, binding.modelName(), servedVersion(result),
                input.prompt(), input.inputSha256(), simulated, took);
    }

    /** The call's failure as a {@link TritonException}: cancellation and unknown failures included. */
    private static TritonException classify(Throwable failure) {
        Throwable cause = TritonErrors.unwrap(failure);
        if (cause instanceof TritonException triton) {
            return triton;
        }
        if (cause instanceof CancellationException) {
            return new TransientTritonException(io.grpc.Status.Code.CANCELLED, "ModelInfer", "cancelled", cause);
        }
        return new PermanentTritonException(io.grpc.Status.Code.INTERNAL, "ModelInfer",
                cause.getClass().getSimpleName(), cause);
    }

    /** What the blocking call throws for a failed future: the failure itself when it is unchecked. */
    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = TritonErrors.unwrap(failure);
        if (cause instanceof MalformedDraftException || cause instanceof IllegalArgumentException
                || cause instanceof TritonException) {
            return (RuntimeException) cause;
        }
        return classify(cause);
    }

    private String servedVersion(InferResult result) {
        if (!result.modelVersion().isEmpty()) {
            return result.modelVersion();
        }
        if (!requestedVersion.isEmpty()) {
            return requestedVersion;
        }
        // Triton leaves model_version empty for some backends; its metadata names what is loaded.
        List<String> loaded = binding.versions();
        return loaded.isEmpty() ? "unknown" : loaded.get(loaded.size() - 1);
    }

    private static String draftText(InferResult result) {
        byte[] bytes;
        try {
            List<byte[]> elements = result.output(MedGemmaContract.DRAFT).asBytesList();
            if (elements.size() != 1) {
                throw new MalformedDraftException("output " + MedGemmaContract.DRAFT + " has " + elements.size()
                        + " elements, not one", null);
            }
            bytes = elements.get(0);
        } catch (RuntimeException e) {
            if (e instanceof MalformedDraftException malformed) {
                throw malformed;
            }
            throw new MalformedDraftException("no readable " + MedGemmaContract.DRAFT + " output: "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDraftException(MedGemmaContract.DRAFT + " is not UTF-8 text", e);
        }
    }
}
