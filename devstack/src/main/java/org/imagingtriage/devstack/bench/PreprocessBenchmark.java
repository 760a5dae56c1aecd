package org.imagingtriage.devstack.bench;

import java.time.Duration;
import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.pipeline.ImagingStages;

/**
 * Times the pipeline's own decode and preprocess stages on one thread, raw file bytes to the
 * 896x896 RGB tensor (its SHA-256 included, as the pipeline computes it), so images per second
 * is per core. Warms the JIT up first; the result of every run is consumed so that none can be
 * optimised away.
 */
public final class PreprocessBenchmark {

    private final DecoderRegistry decoders;
    private final ImagePreprocessor preprocessor;

    public PreprocessBenchmark(DecoderRegistry decoders, ImagePreprocessor preprocessor) {
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /** The stages exactly as the pipeline builds them by default. */
    public static PreprocessBenchmark pipelineDefaults() {
        ImagingStages stages = ImagingStages.from(LimitSettings.defaults());
        return new PreprocessBenchmark(stages.decoders(), stages.preprocessor());
    }

    /** Runs once, then for {@code warmUp}, then counts runs until {@code duration} has passed. */
    public Measurement measure(ImageFormat format, byte[] file, Duration warmUp, Duration duration)
            throws ImagingException {
        int checksum = once(format, file).side();
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warmUntil) {
            checksum += centre(once(format, file));
        }
        long images = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            checksum += centre(once(format, file));
            images++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < duration.toNanos());
        return new Measurement(images, Duration.ofNanos(elapsed), checksum);
    }

    private static int centre(PreprocessedImage image) {
        return image.pixel(image.side() / 2, image.side() / 2, 1);
    }

    private PreprocessedImage once(ImageFormat format, byte[] file) throws ImagingException {
        return preprocessor.preprocess(decoders.decode(format, file));
    }

    /**
     * @param checksum folds a sample of every output together, so the JIT must produce them all
     */
    public record Measurement(long images, Duration elapsed, int checksum) {

        public double imagesPerSecond() {
            return images / (elapsed.toNanos() / 1e9);
        }
    }
}
