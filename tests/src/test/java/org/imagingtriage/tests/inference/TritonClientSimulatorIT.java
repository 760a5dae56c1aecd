package org.imagingtriage.tests.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.triton.ExecutedBatch;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.SimulatedDraft;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.Datatype;
import org.imagingtriage.inference.InferInput;
import org.imagingtriage.inference.InferRequest;
import org.imagingtriage.inference.InferResult;
import org.imagingtriage.inference.ModelExpectation;
import org.imagingtriage.inference.ModelMismatchException;
import org.imagingtriage.inference.ModelTransaction;
import org.imagingtriage.inference.TensorSpec;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.TritonStream;
import org.imagingtriage.inference.channel.RetryConfig;
import org.imagingtriage.inference.channel.TritonChannelConfig;
import org.imagingtriage.inference.channel.TritonChannels;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.inference.medgemma.MedGemmaInput;
import org.imagingtriage.inference.medgemma.MedGemmaRequest;
import org.imagingtriage.inference.medgemma.PromptCatalog;
import org.imagingtriage.inference.medgemma.TriagePriority;
import org.imagingtriage.inference.proto.InferBatchStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The project's TritonClient against the Triton simulator serving the real model repository
 * (the directory an operator mounts into tritonserver), over TCP on loopback.
 */
class TritonClientSimulatorIT {

    private static final String MEDGEMMA = MedGemmaContract.MODEL_NAME;
    private static final String VLLM = "medgemma-4b-it-vllm";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PromptCatalog prompts = PromptCatalog.loadDefault();
    private TritonSimulator triton;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeEach
    void startSimulator() {
        triton = TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withLatency(LatencyProfile.INSTANT));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        triton.close();
    }

    private TritonClient client(RetryConfig retry, Duration inferDeadline) {
        ManagedChannel channel = TritonChannels.create(TritonChannelConfig.plaintext(triton.target()).withRetry(retry));
        channels.add(channel);
        return new TritonClient(channel, TritonClientConfig.defaults().withInferDeadline(inferDeadline));
    }

    private TritonClient client() {
        return client(RetryConfig.defaults(), WAIT);
    }

    private MedGemmaInput medgemma(String id, int seed, TriagePriority priority) {
        return MedGemmaRequest.builder(prompts).requestId(id).pixels(image(seed))
                .modality("CR").bodyPart("CHEST").priority(priority).build();
    }

    @Test
    void healthAndMetadataAgreeWithWhatTheClientSends() {
        TritonClient client = client();

        // when the client checks the server and binds the MedGemma contract at start-up
        // then the real config.pbtxt agrees with the requests the client builds
        assertThat(client.serverLive()).isTrue();
        assertThat(client.serverReady()).isTrue();
        assertThat(client.modelReady(MEDGEMMA, "")).isTrue();
        assertThat(client.bind(MedGemmaContract.expectation())).isNotNull();
    }

    @Test
    void aMetadataMismatchIsNamedAtStartUp() {
        // given a client that would send 512x512 images
        ModelExpectation wrongSize = new ModelExpectation(MEDGEMMA, "",
                List.of(TensorSpec.of("IMAGE", Datatype.UINT8, 512, 512, 3),
                        TensorSpec.of("PROMPT", Datatype.BYTES, 1),
                        TensorSpec.optional("MAX_NEW_TOKENS", Datatype.INT32, 1)),
                List.of(TensorSpec.of("DRAFT", Datatype.BYTES, 1)), 1, ModelTransaction.UNARY);

        // then binding fails, naming the tensor and both shapes
        assertThatThrownBy(() -> client().bind(wrongSize))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("input IMAGE")
                .hasMessageContaining("[896,896,3]")
                .hasMessageContaining("[512,512,3]");
    }

    @Test
    void aDraftComesBackAsBytesMarkedSimulatedAndDeterministic() {
        // given a MedGemma request: an 896x896 RGB image and the rendered prompt as BYTES
        MedGemmaInput input = medgemma("draft-1", 7, TriagePriority.ROUTINE);

        // when it is inferred
        InferResult result = client().infer(input.request()).join();

        // then the DRAFT (BYTES, length-prefixed on the wire) decodes to the simulator's text for that image
        String draft = result.output(MedGemmaContract.DRAFT).asString();
        assertThat(draft).startsWith(SimulatedDraft.MARKER).isEqualTo(SimulatedDraft.forImage(image(7)));
        assertThat(draft).contains("URGENCY:");
    }

    @Test
    void aRequestLargerThanFourMebibytesGoesThrough() {
        // given one request carrying two images: 4.8 MB, over gRPC's 4 MiB default
        byte[] twoImages = new byte[2 * MedGemmaContract.IMAGE_BYTES];
        System.arraycopy(image(1), 0, twoImages, 0, MedGemmaContract.IMAGE_BYTES);
        System.arraycopy(image(2), 0, twoImages, MedGemmaContract.IMAGE_BYTES, MedGemmaContract.IMAGE_BYTES);
        String prompt = prompts.select("CR", "CHEST").text();
        InferRequest request = InferRequest.builder(MEDGEMMA).id("big")
                .input(InferInput.uint8("IMAGE", List.of(2L, 896L, 896L, 3L), twoImages))
                .input(InferInput.strings("PROMPT", List.of(2L, 1L), List.of(prompt, prompt)))
                .input(InferInput.int32("MAX_NEW_TOKENS", List.of(2L, 1L), 64, 64))
                .requestOutput("DRAFT")
                .build();
        assertThat(request.payloadBytes()).isGreaterThan(4L << 20);

        // when / then both drafts come back, each for its own image
        List<String> drafts = client().infer(request).join().output("DRAFT").asStrings();
        assertThat(drafts).containsExactly(SimulatedDraft.forImage(image(1)), SimulatedDraft.forImage(image(2)));
    }

    @Test
    void aMissedDeadlineIsTransient() {
        // given a server whose executions hang
        triton.faults().stall(Duration.ofMinutes(1));
        TritonClient impatient = client(RetryConfig.defaults(), Duration.ofMillis(300));

        // then the call fails as DEADLINE_EXCEEDED, which the pipeline retries rather than dead-letters
        assertThatThrownBy(() -> impatient.infer(medgemma("late", 3, TriagePriority.ROUTINE).request()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(TransientTritonException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        triton.faults().releaseStall();
    }

    @Test
    void unavailableIsRetriedByTheChannelsServiceConfig() {
        // given a server that is unavailable for the next 300 ms
        MedGemmaInput input = medgemma("retried", 4, TriagePriority.ROUTINE);
        triton.faults().startUnavailable(Duration.ofMillis(300));

        // when a client whose service config retries UNAVAILABLE (4 attempts, 200 ms doubling) calls
        InferResult result = client(RetryConfig.defaults(), WAIT).infer(input.request()).join();

        // then the call succeeds once the window ends
        assertThat(result.output("DRAFT").asString()).isEqualTo(SimulatedDraft.forImage(image(4)));

        // and without retries the same outage surfaces as a transient error
        triton.faults().startUnavailable(Duration.ofSeconds(30));
        assertThatThrownBy(() -> client(RetryConfig.disabled(), WAIT).infer(input.request()).join())
                .cause().isInstanceOfSatisfying(TransientTritonException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
        triton.faults().endUnavailable();
    }

    @Test
    void eightConcurrentRequestsAreExecutedAsOneBatchOfEight() {
        // given the only instance busy with a warm-up request, so the next eight queue together
        TritonClient client = client();
        triton.faults().stall(Duration.ofMinutes(1));
        CompletableFuture<InferResult> warmUp = client.infer(medgemma("warm-up", 100, TriagePriority.ROUTINE).request());
        await("the warm-up executes", () -> triton.executions(MEDGEMMA).size() == 1);

        // when eight requests are in flight at once
        List<CompletableFuture<InferResult>> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(client.infer(medgemma("r" + i, i, TriagePriority.ROUTINE).request()));
        }
        await("eight requests queue", () -> triton.queueDepth(MEDGEMMA) == 8);
        triton.faults().releaseStall();
        warmUp.join();

        // then each gets the draft of its own image
        for (int i = 0; i < 8; i++) {
            assertThat(eight.get(i).join().output("DRAFT").asString()).isEqualTo(SimulatedDraft.forImage(image(i)));
        }
        // and the server's statistics, read through the client, show one execution of batch size 8
        List<InferBatchStatistics> batches = client.statistics(MEDGEMMA, "").get(0).getBatchStatsList();
        assertThat(batches).filteredOn(b -> b.getBatchSize() == 8)
                .singleElement().satisfies(b -> assertThat(b.getComputeInfer().getCount()).isEqualTo(1));
        assertThat(batches).extracting(InferBatchStatistics::getBatchSize).containsExactlyInAnyOrder(1L, 8L);
    }

    @Test
    void aStatRequestIsServedBeforeARoutineBacklog() {
        // given a backlog of sixteen routine requests queued behind a busy instance
        TritonClient client = client();
        triton.faults().stall(Duration.ofMinutes(1));
        List<CompletableFuture<InferResult>> all = new ArrayList<>();
        all.add(client.infer(medgemma("warm-up", 100, TriagePriority.ROUTINE).request()));
        await("the warm-up executes", () -> triton.executions(MEDGEMMA).size() == 1);
        for (int i = 0; i < 16; i++) {
            all.add(client.infer(medgemma("routine-" + i, i, TriagePriority.ROUTINE).request()));
            int queued = i + 1;
            await("routine request " + i + " queues", () -> triton.queueDepth(MEDGEMMA) == queued);
        }

        // when a STAT request (Triton priority 1) arrives last
        all.add(client.infer(medgemma("stat", 99, TriagePriority.STAT).request()));
        await("the STAT request queues", () -> triton.queueDepth(MEDGEMMA) == 17);
        triton.faults().releaseStall();
        all.forEach(CompletableFuture::join);

        // then it is in the first batch after the warm-up, ahead of every routine request
        List<ExecutedBatch> executions = triton.executions(MEDGEMMA);
        assertThat(executions.get(1).requestIds()).first().isEqualTo("stat");
    }

    @Test
    void aFullQueueRejectsAsTransient() {
        // given 64 routine requests queued (the per-level bound) behind a busy instance
        TritonClient client = client(RetryConfig.disabled(), WAIT);
        triton.faults().stall(Duration.ofMinutes(1));
        List<CompletableFuture<InferResult>> queued = new ArrayList<>();
        queued.add(client.infer(medgemma("warm-up", 100, TriagePriority.ROUTINE).request()));
        await("the warm-up executes", () -> triton.executions(MEDGEMMA).size() == 1);
        for (int i = 0; i < 64; i++) {
            queued.add(client.infer(medgemma("q" + i, i, TriagePriority.ROUTINE).request()));
        }
        await("64 requests queue", () -> triton.queueDepth(MEDGEMMA) == 64);

        // when one more routine request arrives
        // then it is rejected at once as transient, with Triton's message
        assertThatThrownBy(() -> client.infer(medgemma("one-too-many", 65, TriagePriority.ROUTINE).request()).join())
                .cause().isInstanceOfSatisfying(TransientTritonException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.serverMessage()).contains("Exceeds maximum queue size");
                });
        triton.faults().releaseStall();
        queued.forEach(CompletableFuture::join);
    }

    @Test
    void theDecoupledVllmModelStreamsSeveralResponsesThenAFinalOne() {
        // given a streaming request to the decoupled vLLM model
        String prompt = prompts.select("CR", "CHEST").text();
        byte[] png = "not really a png, only its hash matters to the simulator".getBytes(StandardCharsets.UTF_8);
        InferRequest request = InferRequest.builder(VLLM).id("stream-1")
                .input(InferInput.strings("text_input", List.of(1L), List.of(prompt)))
                .input(InferInput.strings("image", List.of(1L), List.of(Base64.getEncoder().encodeToString(png))))
                .input(InferInput.bool("stream", List.of(1L), true))
                .input(InferInput.strings("sampling_parameters", List.of(1L), List.of("{\"temperature\":0,\"max_tokens\":64}")))
                .input(InferInput.bool("exclude_input_in_output", List.of(1L), true))
                .build();

        // when it is submitted on a ModelStreamInfer stream
        List<InferResult> partials = new ArrayList<>();
        List<InferResult> responses;
        try (TritonStream stream = client().openStream()) {
            responses = stream.submit(request, partials::add).join();
        }

        // then several responses arrive for the one request id, the last flagged final
        assertThat(responses).hasSizeGreaterThan(1);
        assertThat(responses.get(responses.size() - 1).isFinal()).isTrue();
        String text = String.join("", responses.stream().filter(r -> !r.isEmpty())
                .map(r -> r.output("text_output").asString()).toList());
        assertThat(text).startsWith(SimulatedDraft.MARKER);
    }

    /** A deterministic 896x896 RGB image: different seeds give different pixels. */
    private static byte[] image(int seed) {
        byte[] pixels = new byte[MedGemmaContract.IMAGE_BYTES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 31 + seed * 7919) >>> 3);
        }
        return pixels;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
