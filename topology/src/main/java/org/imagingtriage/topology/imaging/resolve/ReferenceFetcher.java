package org.imagingtriage.topology.imaging.resolve;

import java.net.URI;
import org.imagingtriage.topology.imaging.ImagingException;

/**
 * Opens the bytes behind a reference of one URI scheme. The resolver owns what is common to
 * every scheme: the size cap, reading at most the declared size + 1 bytes, and the SHA-256
 * check. A fetcher only finds and opens.
 *
 * <p>Implementations refuse with RESOLVE-stage reasons, permanent for what retrying cannot fix
 * (not found, outside the allowed place) and {@link
 * org.imagingtriage.topology.imaging.ImagingReason#REFERENCE_READ_FAILED} for what it may. They
 * must not put the URI or any part of it in a failure's detail: feeds are told not to embed
 * identity in URIs, but the pipeline does not rely on it.
 */
@FunctionalInterface
public interface ReferenceFetcher {

    /** Opens {@code uri}, whose scheme is the one this fetcher is registered for. */
    OpenedReference open(URI uri) throws ImagingException;
}
