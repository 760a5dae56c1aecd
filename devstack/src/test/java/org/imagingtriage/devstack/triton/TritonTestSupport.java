package org.imagingtriage.devstack.triton;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.google.protobuf.ByteString;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;

/** Channels, requests and bounded waits for the simulator's tests. */
final class TritonTestSupport {

    static final String MEDGEMMA = "medgemma-4b-it";
    static final String SMALL_QUEUE = "small-queue";
    static final String NO_BATCH = "tensor-nobatch";
    static final String DECOUPLED = "decoupled-echo";
    static final String VLLM = "vllm-minimal";
    static final int IMAGE_BYTES = 896 * 896 * 3;
    /** Generous: the build machine is shared; tests never assert speed. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private TritonTestSupport() {
    }

    static Path testRepository() {
        URL url = TritonTestSupport.class.getClassLoader().getResource("triton-test-repository");
        if (url == null) {
            throw new IllegalStateException("test resource triton-test-repository is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TritonSimulatorConfig testConfig() {
        return TritonSimulatorConfig.forRepository(testRepository()).withLatency(LatencyProfile.INSTANT);
    }

    static ManagedChannel channel(TritonSimulator simulator) {
        return Grpc.newChannelBuilder(simulator.target(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A deterministic pseudo-image: the same seed gives the same bytes. */
    static byte[] image(long seed) {
        byte[] image = new byte[IMAGE_BYTES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < image.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < image.length; b++) {
                image[i + b] = (byte) (value >>> (8 * b));
            }
        }
        return image;
    }

    /** A well-formed MedGemma request of batch size 1, raw contents. */
    static ModelInferRequest.Builder medgemma(String id, byte[] image) {
        return ModelInferRequest.newBuilder()
                .setModelName(MEDGEMMA)
                .setId(id)
                .addInputs(tensor("IMAGE", "UINT8", 1, 896, 896, 3))
                .addInputs(tensor("PROMPT", "BYTES", 1, 1))
                .addRawInputContents(ByteString.copyFrom(image))
                .addRawInputContents(bytes("Describe the findings."));
    }

    /** A well-formed small-queue request: one FP32 row of 4. */
    static ModelInferRequest.Builder smallQueue(String id) {
        ByteBuffer row = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        row.putFloat(1).putFloat(2).putFloat(3).putFloat(4).flip();
        return ModelInferRequest.newBuilder()
                .setModelName(SMALL_QUEUE)
                .setId(id)
                .addInputs(tensor("X", "FP32", 1, 4))
                .addRawInputContents(ByteString.copyFrom(row));
    }

    static ModelInferRequest.Builder decoupled(String id, String text) {
        return ModelInferRequest.newBuilder()
                .setModelName(DECOUPLED)
                .setId(id)
                .addInputs(tensor("TEXT", "BYTES", 1))
                .addRawInputContents(bytes(text));
    }

    static InferInputTensor tensor(String name, String datatype, long... shape) {
        InferInputTensor.Builder tensor = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }

    /** BYTES layout: 4-byte little-endian length, then the UTF-8 bytes, per element. */
    static ByteString bytes(String... elements) {
        return BytesElements.joinStrings(List.of(elements));
    }

    static List<String> strings(ByteString raw, int count) {
        return BytesElements.split(raw, count, "", "output", "test").stream()
                .map(element -> element.toString(StandardCharsets.UTF_8))
                .toList();
    }

    static InferParameter int64(long value) {
        return InferParameter.newBuilder().setInt64Param(value).build();
    }

    static InferParameter bool(boolean value) {
        return InferParameter.newBuilder().setBoolParam(value).build();
    }

    /** Polls until {@code condition} holds; fails the test after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + PATIENCE + " waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
