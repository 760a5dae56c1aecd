package org.imagingtriage.topology.config;

import java.util.Objects;

/**
 * The sections that decide what happens to an image on its own, without Kafka or Triton:
 * limits, where http(s) references may be fetched from, the de-identification gate's choices
 * and imaging choices. All {@code triage preprocess}
 * reads from a configuration file, so that local runs treat files as the pipeline would.
 */
public record ImagingConfig(LimitSettings limits, HttpReferenceSettings httpReferences,
                            DeidentificationSettings deidentification, ImagingSettings imaging) {

    public ImagingConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(httpReferences, "httpReferences");
        Objects.requireNonNull(deidentification, "deidentification");
        Objects.requireNonNull(imaging, "imaging");
        httpReferences.requireSchemesAllowedBy(limits);
    }

    public static ImagingConfig from(ConfigValues values) {
        return new ImagingConfig(LimitSettings.from(values), HttpReferenceSettings.from(values),
                DeidentificationSettings.from(values),
                ImagingSettings.from(values));
    }
}
