package org.imagingtriage.topology.imaging.resolve;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Turns an event's payload into the image file's bytes: inline bytes as they are (under a cap),
 * references through the {@link ReferenceFetcher} registered for their scheme, with the declared
 * size checked before reading and enforced while reading, and the SHA-256 verified.
 *
 * <p>The registered schemes are the allow-list. {@code file} is present only when a root
 * directory is configured; {@code http}/{@code https} when allowed, through {@link
 * HttpReferenceFetcher} and its own allow-list of origins. Immutable and thread-safe when its
 * fetchers are.
 */
public final class ImageResolver {

    /** Longer URIs are refused unparsed; no legitimate reference comes close. */
    public static final int MAX_URI_LENGTH = 8192;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final ResolverLimits limits;
    private final Map<String, ReferenceFetcher> fetchersByScheme;

    /**
     * @param fetchersByScheme lower-case scheme to fetcher; only these schemes are resolved
     */
    public ImageResolver(ResolverLimits limits, Map<String, ReferenceFetcher> fetchersByScheme) {
        this.limits = Objects.requireNonNull(limits, "limits");
        TreeMap<String, ReferenceFetcher> copy = new TreeMap<>();
        fetchersByScheme.forEach((scheme, fetcher) -> {
            if (!SCHEME.matcher(scheme).matches()) {
                throw new IllegalArgumentException("scheme must be lower-case letters, digits, '+', '-', '.': "
                        + scheme);
            }
            copy.put(scheme, Objects.requireNonNull(fetcher, "fetcher for " + scheme));
        });
        this.fetchersByScheme = Collections.unmodifiableSortedMap(copy);
    }

    /** Inline payloads only: every reference is refused with UNSUPPORTED_SCHEME. */
    public static ImageResolver inlineOnly(ResolverLimits limits) {
        return new ImageResolver(limits, Map.of());
    }

    /** Inline payloads and {@code file://} references under {@code root}. */
    public static ImageResolver withFileRoot(ResolverLimits limits, Path root) throws IOException {
        return new ImageResolver(limits, Map.of(FileReferenceFetcher.SCHEME, FileReferenceFetcher.rootedAt(root)));
    }

    /** A resolver that also resolves {@code scheme} (http and https through {@link HttpReferenceFetcher}). */
    public ImageResolver withFetcher(String scheme, ReferenceFetcher fetcher) {
        TreeMap<String, ReferenceFetcher> more = new TreeMap<>(fetchersByScheme);
        more.put(scheme, fetcher);
        return new ImageResolver(limits, more);
    }

    /** The schemes references may use, sorted. */
    public Set<String> schemes() {
        return fetchersByScheme.keySet();
    }

    public byte[] resolve(ImageEvent event) throws ImagingException {
        return resolve(event.getPayload());
    }

    /** The image file's bytes for a payload, an {@link InlineImage} or an {@link ImageRef}. */
    public byte[] resolve(Object payload) throws ImagingException {
        if (payload instanceof InlineImage inline) {
            return resolveInline(inline);
        }
        if (payload instanceof ImageRef ref) {
            return resolveReference(ref);
        }
        throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                "the payload is neither inline bytes nor a reference");
    }

    private byte[] resolveInline(InlineImage inline) throws ImagingException {
        ByteBuffer data = inline.getData();
        if (data == null) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE, "the inline payload has no data");
        }
        if (data.remaining() > limits.maxInlineBytes()) {
            throw new ImagingException(ImagingReason.IMAGE_TOO_LARGE, "inline image of " + data.remaining()
                    + " bytes exceeds the " + limits.maxInlineBytes() + "-byte cap");
        }
        byte[] bytes = new byte[data.remaining()];
        // A duplicate, so the record's buffer position is left for whoever reads it next.
        data.duplicate().get(bytes);
        return bytes;
    }

    private byte[] resolveReference(ImageRef ref) throws ImagingException {
        long declaredSize = ref.getSizeBytes();
        if (declaredSize <= 0) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "sizeBytes must be positive, got " + declaredSize);
        }
        if (declaredSize > limits.maxReferenceBytes()) {
            throw new ImagingException(ImagingReason.IMAGE_TOO_LARGE, "declared size of " + declaredSize
                    + " bytes exceeds the " + limits.maxReferenceBytes() + "-byte cap");
        }
        String sha256 = ref.getSha256();
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE, "sha256 must be 64 hexadecimal digits");
        }
        URI uri = parse(ref.getUri());
        ReferenceFetcher fetcher = fetcherFor(uri);
        OpenedReference opened = fetcher.open(uri);
        try {
            OptionalLong knownSize = opened.knownSize();
            if (knownSize.isPresent() && knownSize.getAsLong() != declaredSize) {
                throw new ImagingException(ImagingReason.SIZE_MISMATCH, "the reference holds "
                        + knownSize.getAsLong() + " bytes, not the declared " + declaredSize);
            }
            return BoundedDigestReader.read(opened.stream(), (int) declaredSize, sha256.toLowerCase(Locale.ROOT));
        } finally {
            closeQuietly(opened);
        }
    }

    private static void closeQuietly(OpenedReference opened) {
        try {
            opened.close();
        } catch (IOException ignored) {
            // The outcome is already decided by what was read; a failed close does not change it.
        }
    }

    private static URI parse(String uri) throws ImagingException {
        if (uri == null || uri.length() > MAX_URI_LENGTH) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "the reference URI is missing or longer than " + MAX_URI_LENGTH + " characters");
        }
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE, "the reference URI does not parse");
        }
    }

    private ReferenceFetcher fetcherFor(URI uri) throws ImagingException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ReferenceFetcher fetcher = fetchersByScheme.get(scheme);
        if (fetcher != null) {
            return fetcher;
        }
        // The scheme is never named back: it is a string from the event.
        throw new ImagingException(ImagingReason.UNSUPPORTED_SCHEME,
                "the reference's scheme is not among the configured schemes (limits.reference.schemes); configured: "
                        + schemes());
    }
}
