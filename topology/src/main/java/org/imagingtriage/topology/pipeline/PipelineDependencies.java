package org.imagingtriage.topology.pipeline;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.inference.DraftInference;
import org.imagingtriage.topology.observability.TriageMetrics;

/**
 * What {@link TriageTopology#build} wires together besides configuration: the components that
 * reach outside the process (Triton, the registry, files) or that tests replace (the clock, the
 * pause between retries).
 *
 * @param inference the blocking call, for {@code inference.mode=blocking}
 * @param async the in-flight machinery, for {@code inference.mode=async}
 * @param pipelineVersion written into every draft's provenance
 */
public record PipelineDependencies(ImagingStages imaging, DraftInference inference, Optional<AsyncInference> async,
                                   PipelineSerdes serdes, TransientRetry retry, TriageMetrics metrics, Clock clock,
                                   String pipelineVersion) {

    public PipelineDependencies {
        Objects.requireNonNull(imaging, "imaging");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pipelineVersion, "pipelineVersion");
    }
}
