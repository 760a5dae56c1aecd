package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.resolve.FileReferenceFetcher;
import org.imagingtriage.topology.imaging.resolve.OpenedReference;

/**
 * Whether the pipeline, configured as this feed is, would accept a {@code file://} reference:
 * the scheme must be allowed, and the file must open through the pipeline's own
 * {@link FileReferenceFetcher} under the configured root. A reference it would refuse is still
 * sent (the pipeline may run with another configuration, on a host with other mounts), but the
 * operator is warned, because with this configuration it would be dead-lettered.
 */
public final class ReferenceCheck {

    private final Optional<String> schemeProblem;
    private final Optional<FileReferenceFetcher> fetcher;

    private ReferenceCheck(Optional<String> schemeProblem, Optional<FileReferenceFetcher> fetcher) {
        this.schemeProblem = schemeProblem;
        this.fetcher = fetcher;
    }

    public static ReferenceCheck forLimits(LimitSettings limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        if (!limits.allowsScheme(FileReferenceFetcher.SCHEME) || limits.fileRoot().isEmpty()) {
            return new ReferenceCheck(Optional.of(ConfigKeys.LIMITS_REFERENCE_SCHEMES + " does not allow file: the "
                    + "pipeline dead-letters file references (UNSUPPORTED_SCHEME); allow file and set "
                    + ConfigKeys.LIMITS_REFERENCE_FILE_ROOT + ", or raise --inline-max-bytes"), Optional.empty());
        }
        return new ReferenceCheck(Optional.empty(), Optional.of(FileReferenceFetcher.rootedAt(limits.fileRoot().get())));
    }

    /** Why no file reference would be accepted at all, if that is so: one warning for the whole run. */
    public Optional<String> schemeProblem() {
        return schemeProblem;
    }

    /**
     * Why the pipeline would refuse this reference, beyond {@link #schemeProblem()}: the reason code
     * and detail it would dead-letter with (outside the root, not readable...).
     */
    public Optional<String> problemWith(String uri) {
        if (fetcher.isEmpty()) {
            return Optional.empty();
        }
        try (OpenedReference ignored = fetcher.get().open(URI.create(uri))) {
            return Optional.empty();
        } catch (ImagingException e) {
            return Optional.of("the pipeline would refuse it: " + e.reasonCode() + ", " + e.detail()
                    + " (" + ConfigKeys.LIMITS_REFERENCE_FILE_ROOT + " is " + fetcher.get().root() + ")");
        } catch (IOException e) {
            return Optional.of("the pipeline may not read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
