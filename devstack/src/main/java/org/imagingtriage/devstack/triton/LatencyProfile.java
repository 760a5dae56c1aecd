package org.imagingtriage.devstack.triton;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long one simulated execution takes: {@code base + perItem x batch size}, scaled by a
 * uniform factor in {@code [1 - jitter, 1 + jitter]} drawn from the simulator's seeded random
 * source (so a fixed seed and the same sequence of batches give the same durations).
 *
 * <h2>{@code medgemma-h100}: MedGemma 4B-it, transformers, bf16, one H100, greedy, ~200 new tokens</h2>
 * An estimate, not a measurement; replace it with numbers from the GPU host when there are some.
 * <ul>
 *   <li>Decode dominates. MedGemma 4B-it is Gemma 3 4B (about 4.3 B parameters, 34 decoder
 *       layers) with a SigLIP encoder. Each greedy step reads the ~8.6 GB of bf16 weights once:
 *       at the H100 SXM's 3.35 TB/s that is a 2.6 ms floor per step, but transformers' eager
 *       generate() is bound by per-layer kernel launches and Python, not bandwidth: public HF
 *       generate() runs report roughly 25-40 tokens/s for 4-7 B models on A100-class GPUs
 *       (e.g. Spec-Bench's HF autoregressive baseline: Vicuna-7B at ~40 tokens/s on an A100). We take
 *       ~13 ms per step on an H100: 200 steps = 2.6 s, nearly independent of batch size because
 *       the step is launch-bound.</li>
 *   <li>Prefill and vision, per image: SigLIP at 896x896 sees 4096 patches (0.4 B params,
 *       ~3.3 TFLOP) and is pooled to 256 image tokens; the language model then prefills
 *       ~256 + ~150 prompt tokens (~3.5 TFLOP). At a realistic 30-40 % of the H100's ~990 dense
 *       bf16 TFLOPS that is ~20 ms per image, plus ~10 ms of model.py preprocessing (resize check,
 *       rescale, normalise, host-to-device copy) and the batch's larger KV cache making each
 *       decode step ~0.35 ms slower per extra sequence (200 steps = 70 ms). About 0.1 s per item.</li>
 *   <li>Fixed overhead: tokenizer, chat template, Python backend IPC, ~0.1 s.</li>
 * </ul>
 * Result: base 2.7 s + 0.1 s per item, so a batch of 1 takes ~2.8 s and a full batch of 8
 * ~3.5 s, jittered by 10 %. Known sources: the MedGemma 4B-it model card (4.3 B params, bf16,
 * 896x896 images encoded to 256 tokens), NVIDIA's H100 SXM datasheet (3.35 TB/s HBM3, 989 dense
 * bf16 TFLOPS), Spec-Bench issue #4 (hemingkx/Spec-Bench: HF autoregressive decoding ~40 tokens/s
 * on A100). The 13 ms step is the assumption to check first.
 *
 * @param name    how the profile is selected on the command line
 * @param base    per execution, whatever its size
 * @param perItem per batch unit in the execution
 * @param jitter  fraction in [0, 1): 0.1 means +-10 %
 */
public record LatencyProfile(String name, Duration base, Duration perItem, double jitter) {

    // Declared before the profiles: their constructors read it during class initialization.
    private static final Duration LONGEST = Duration.ofHours(1);

    /** No delay at all: unit tests of validation, batching and statistics. */
    public static final LatencyProfile INSTANT = new LatencyProfile("instant", Duration.ZERO, Duration.ZERO, 0);
    /**
     * 250 ms + 25 ms per item (a full batch of 8 in 450 ms, about 18 items/s): a small model on a
     * GPU. Fast enough for tests and the demo, yet slow enough that the simulated GPU, not the
     * two cores of a development machine, limits throughput: each request's 2.4 MB tensor costs
     * about 25 ms of CPU to build, send and check, and the pipeline's decoding and preprocessing
     * share the same cores. With 80 ms + 10 ms per item the simulator alone was CPU-bound (a full
     * batch took 368 ms instead of 160), so a benchmark would have measured the CPU, not batching.
     */
    public static final LatencyProfile FAST =
            new LatencyProfile("fast", Duration.ofMillis(250), Duration.ofMillis(25), 0.1);
    /** MedGemma 4B-it with transformers on one H100; see the class comment for the reasoning. */
    public static final LatencyProfile MEDGEMMA_H100 =
            new LatencyProfile("medgemma-h100", Duration.ofMillis(2700), Duration.ofMillis(100), 0.1);

    public LatencyProfile {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(base, "base must not be null");
        Objects.requireNonNull(perItem, "perItem must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (base.isNegative() || perItem.isNegative()) {
            throw new IllegalArgumentException("latencies must not be negative: base " + base + ", perItem " + perItem);
        }
        if (base.compareTo(LONGEST) > 0 || perItem.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("latencies above " + LONGEST + " are not a model of anything");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1) but was " + jitter);
        }
    }

    public static List<LatencyProfile> builtIn() {
        return List.of(INSTANT, FAST, MEDGEMMA_H100);
    }

    /** A built-in profile by name, case-insensitive. */
    public static LatencyProfile named(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return builtIn().stream()
                .filter(profile -> profile.name.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown latency profile '" + name + "'; known: "
                        + builtIn().stream().map(LatencyProfile::name).toList()));
    }
}
