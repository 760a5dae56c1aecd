package org.imagingtriage.topology.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.HttpReferenceSettings;
import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.http.HttpClients;
import org.imagingtriage.topology.imaging.resolve.HttpReferenceFetcher;
import org.imagingtriage.topology.imaging.resolve.ImageResolver;
import org.imagingtriage.topology.imaging.resolve.ReferenceFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The imaging components the topology's steps call, each bounded by the configured limits. */
public record ImagingStages(ImageResolver resolver, DecoderRegistry decoders, DeidentificationGate gate,
                            ImagePreprocessor preprocessor) {

    private static final Logger LOG = LoggerFactory.getLogger(ImagingStages.class);

    public ImagingStages {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(decoders, "decoders");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /**
     * {@link #from(LimitSettings, HttpReferenceSettings, DeidentificationSettings, ImagingSettings)}
     * with the other defaults (no http(s) origin).
     */
    public static ImagingStages from(LimitSettings limits) {
        return from(limits, HttpReferenceSettings.defaults(), DeidentificationSettings.defaults(),
                ImagingSettings.defaults());
    }

    /**
     * The stages as the configuration asks for them; the pipeline calls this once at start-up, so
     * here is where it warns that allowed http(s) references have nowhere to come from.
     */
    public static ImagingStages from(TriageConfig config) {
        if (allowsHttpSchemes(config.limits()) && config.httpReferences().origins().isEmpty()) {
            LOG.atWarn().setMessage("http(s) references are allowed but no origin is configured: every http(s) "
                            + "reference will be dead-lettered as REFERENCE_ORIGIN_NOT_ALLOWED")
                    .addKeyValue("setting", ConfigKeys.REFERENCES_HTTP_ORIGINS)
                    .log();
        }
        return from(config.limits(), config.httpReferences(), config.deidentification(), config.imaging());
    }

    /** The stages as the imaging sections of a configuration ask for them ({@code triage preprocess}). */
    public static ImagingStages from(ImagingConfig config) {
        return from(config.limits(), config.httpReferences(), config.deidentification(), config.imaging());
    }

    /**
     * Inline images always; {@code file:} references under the configured root and {@code http:}
     * / {@code https:} references to the configured origins, each when the limits allow its scheme.
     * Allowing http(s) without any origin refuses those references (REFERENCE_ORIGIN_NOT_ALLOWED)
     * without building an HTTP client.
     */
    public static ImagingStages from(LimitSettings limits, HttpReferenceSettings http,
            DeidentificationSettings deidentification, ImagingSettings imaging) {
        ImageResolver resolver;
        try {
            resolver = limits.referenceSchemes().contains(ReferenceScheme.FILE)
                    ? ImageResolver.withFileRoot(limits.resolverLimits(), limits.fileRoot().orElseThrow())
                    : ImageResolver.inlineOnly(limits.resolverLimits());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file reference root", e);
        }
        resolver = withHttp(resolver, limits, http);
        return new ImagingStages(resolver, DecoderRegistry.defaults(limits.decodeLimits(),
                DicomLimits.forResolver(limits.resolverLimits()), imaging.dicomFrame()),
                new DeidentificationGate(deidentification.policy()), ImagePreprocessor.defaults());
    }

    private static ImageResolver withHttp(ImageResolver resolver, LimitSettings limits, HttpReferenceSettings http) {
        if (!allowsHttpSchemes(limits)) {
            return resolver;
        }
        ReferenceFetcher fetcher;
        if (http.origins().isEmpty()) {
            fetcher = HttpReferenceFetcher.allowingNoOrigin();
        } else {
            // One client for every request: it holds the connection pool.
            fetcher = new HttpReferenceFetcher(HttpClients.create(http.connectTimeout(), http.caFile()),
                    http.origins(), http.auth(), http.timeout(), limits.resolverLimits().maxReferenceBytes() + 1L);
        }
        ImageResolver widened = resolver;
        for (ReferenceScheme scheme : List.of(ReferenceScheme.HTTP, ReferenceScheme.HTTPS)) {
            if (limits.referenceSchemes().contains(scheme)) {
                widened = widened.withFetcher(scheme.configValue(), fetcher);
            }
        }
        return widened;
    }

    private static boolean allowsHttpSchemes(LimitSettings limits) {
        return limits.referenceSchemes().contains(ReferenceScheme.HTTP)
                || limits.referenceSchemes().contains(ReferenceScheme.HTTPS);
    }
}
