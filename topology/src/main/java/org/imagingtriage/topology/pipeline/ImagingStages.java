package org.imagingtriage.topology.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.resolve.ImageResolver;

/** The imaging components the topology's steps call, each bounded by the configured limits. */
public record ImagingStages(ImageResolver resolver, DecoderRegistry decoders, DeidentificationGate gate,
                            ImagePreprocessor preprocessor) {

    public ImagingStages {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(decoders, "decoders");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /** {@link #from(LimitSettings, DeidentificationSettings)} with the gate's default policy. */
    public static ImagingStages from(LimitSettings limits) {
        return from(limits, DeidentificationSettings.defaults());
    }

    /**
     * Inline images always; {@code file:} references under the configured root when the limits
     * allow them. Schemes allowed without a fetcher yet (http, https) dead-letter as unsupported.
     */
    public static ImagingStages from(LimitSettings limits, DeidentificationSettings deidentification) {
        ImageResolver resolver;
        try {
            resolver = limits.referenceSchemes().contains(ReferenceScheme.FILE)
                    ? ImageResolver.withFileRoot(limits.resolverLimits(), limits.fileRoot().orElseThrow())
                    : ImageResolver.inlineOnly(limits.resolverLimits());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file reference root", e);
        }
        return new ImagingStages(resolver, DecoderRegistry.defaults(limits.decodeLimits(),
                DicomLimits.forResolver(limits.resolverLimits())),
                new DeidentificationGate(deidentification.policy()), ImagePreprocessor.defaults());
    }
}
