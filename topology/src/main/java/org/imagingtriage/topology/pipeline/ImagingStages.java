package org.imagingtriage.topology.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.config.TriageConfig;
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

    /** {@link #from(LimitSettings, DeidentificationSettings, ImagingSettings)} with the other defaults. */
    public static ImagingStages from(LimitSettings limits) {
        return from(limits, DeidentificationSettings.defaults(), ImagingSettings.defaults());
    }

    /** The stages as the configuration asks for them. */
    public static ImagingStages from(TriageConfig config) {
        return from(config.limits(), config.deidentification(), config.imaging());
    }

    /** The stages as the imaging sections of a configuration ask for them ({@code triage preprocess}). */
    public static ImagingStages from(ImagingConfig config) {
        return from(config.limits(), config.deidentification(), config.imaging());
    }

    /**
     * Inline images always; {@code file:} references under the configured root when the limits
     * allow them. Schemes allowed without a fetcher yet (http, https) dead-letter as unsupported.
     */
    public static ImagingStages from(LimitSettings limits, DeidentificationSettings deidentification,
            ImagingSettings imaging) {
        ImageResolver resolver;
        try {
            resolver = limits.referenceSchemes().contains(ReferenceScheme.FILE)
                    ? ImageResolver.withFileRoot(limits.resolverLimits(), limits.fileRoot().orElseThrow())
                    : ImageResolver.inlineOnly(limits.resolverLimits());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file reference root", e);
        }
        return new ImagingStages(resolver, DecoderRegistry.defaults(limits.decodeLimits(),
                DicomLimits.forResolver(limits.resolverLimits()), imaging.dicomFrame()),
                new DeidentificationGate(deidentification.policy()), ImagePreprocessor.defaults());
    }
}
