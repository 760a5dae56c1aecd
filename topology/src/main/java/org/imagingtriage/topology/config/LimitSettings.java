package org.imagingtriage.topology.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.resolve.ResolverLimits;

/**
 * Bounds on what one event may make the pipeline read, hold and decode: an image is untrusted
 * input, and one oversized or malicious event must not exhaust the memory of every task.
 *
 * @param maxInlineImageBytes largest inline image; the topics' max.message.bytes must fit it
 * @param maxReferenceImageBytes largest image fetched from a reference
 * @param maxDecodedPixels largest rows x columns a decoder may allocate for one frame
 * @param referenceSchemes URI schemes an image reference may use
 * @param fileRoot the only directory {@code file:} references may point into; required when
 *     {@code file} is allowed
 */
public record LimitSettings(long maxInlineImageBytes, long maxReferenceImageBytes, long maxDecodedPixels,
                            Set<ReferenceScheme> referenceSchemes, Optional<Path> fileRoot) {

    public static final long DEFAULT_MAX_INLINE_IMAGE_BYTES = ResolverLimits.DEFAULT_MAX_INLINE_BYTES;
    public static final long DEFAULT_MAX_REFERENCE_IMAGE_BYTES = ResolverLimits.DEFAULT_MAX_REFERENCE_BYTES;
    /** The decoders' own default; {@link DecodeLimits} explains the memory it bounds. */
    public static final long DEFAULT_MAX_DECODED_PIXELS = DecodeLimits.DEFAULT_MAX_PIXELS;
    /**
     * Room in a record for everything beside the inline image: the event's ids and attributes, a
     * dead letter's envelope around the original bytes, headers, batch framing.
     */
    public static final long ENVELOPE_HEADROOM_BYTES = 1024L * 1024;
    private static final List<ReferenceScheme> DEFAULT_SCHEMES = List.of(ReferenceScheme.HTTP, ReferenceScheme.HTTPS);

    public LimitSettings {
        requirePositive(maxInlineImageBytes, ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES);
        requirePositive(maxReferenceImageBytes, ConfigKeys.LIMITS_MAX_REFERENCE_IMAGE_BYTES);
        requirePositive(maxDecodedPixels, ConfigKeys.LIMITS_MAX_DECODED_PIXELS);
        requireAtMost(maxInlineImageBytes, ResolverLimits.MAX_ARRAY_BYTES, ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES);
        requireAtMost(maxReferenceImageBytes, ResolverLimits.MAX_ARRAY_BYTES,
                ConfigKeys.LIMITS_MAX_REFERENCE_IMAGE_BYTES);
        requireAtMost(maxDecodedPixels, DecodedImage.MAX_PIXELS, ConfigKeys.LIMITS_MAX_DECODED_PIXELS);
        Objects.requireNonNull(referenceSchemes, ConfigKeys.LIMITS_REFERENCE_SCHEMES);
        referenceSchemes = referenceSchemes.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(referenceSchemes));
        Objects.requireNonNull(fileRoot, ConfigKeys.LIMITS_REFERENCE_FILE_ROOT);
        if (referenceSchemes.contains(ReferenceScheme.FILE) && fileRoot.isEmpty()) {
            throw new TriageConfigException(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT, ConfigKeys.LIMITS_REFERENCE_FILE_ROOT
                    + " is required when " + ConfigKeys.LIMITS_REFERENCE_SCHEMES + " allows file: "
                    + ConfigKey.howToSet(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT));
        }
        fileRoot.ifPresent(LimitSettings::requireDirectory);
    }

    /** The defaults: 15 MiB inline, 256 MiB by reference, 40 megapixels, http and https only. */
    public static LimitSettings defaults() {
        return new LimitSettings(DEFAULT_MAX_INLINE_IMAGE_BYTES, DEFAULT_MAX_REFERENCE_IMAGE_BYTES,
                DEFAULT_MAX_DECODED_PIXELS, Set.copyOf(DEFAULT_SCHEMES), Optional.empty());
    }

    public static LimitSettings from(ConfigValues values) {
        return new LimitSettings(
                values.longValue(ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES, DEFAULT_MAX_INLINE_IMAGE_BYTES),
                values.longValue(ConfigKeys.LIMITS_MAX_REFERENCE_IMAGE_BYTES, DEFAULT_MAX_REFERENCE_IMAGE_BYTES),
                values.longValue(ConfigKeys.LIMITS_MAX_DECODED_PIXELS, DEFAULT_MAX_DECODED_PIXELS),
                schemes(values.list(ConfigKeys.LIMITS_REFERENCE_SCHEMES,
                        DEFAULT_SCHEMES.stream().map(ReferenceScheme::configValue).toList())),
                values.path(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT));
    }

    /** The largest record an event with an inline image may make: the image plus its envelope. */
    public long maxEventRecordBytes() {
        return maxInlineImageBytes + ENVELOPE_HEADROOM_BYTES;
    }

    /** Whether a reference URI's scheme is allowed, compared case-insensitively as URI schemes are. */
    public boolean allowsScheme(String scheme) {
        return scheme != null && referenceSchemes.stream()
                .anyMatch(allowed -> allowed.configValue().equalsIgnoreCase(scheme));
    }

    private static Set<ReferenceScheme> schemes(List<String> names) {
        Set<ReferenceScheme> schemes = EnumSet.noneOf(ReferenceScheme.class);
        for (String name : names) {
            schemes.add(Arrays.stream(ReferenceScheme.values())
                    .filter(scheme -> scheme.configValue().equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new TriageConfigException(ConfigKeys.LIMITS_REFERENCE_SCHEMES,
                            ConfigKeys.LIMITS_REFERENCE_SCHEMES + " may list only " + Arrays.stream(ReferenceScheme.values())
                                    .map(ReferenceScheme::configValue).collect(Collectors.joining(", ")))));
        }
        return schemes;
    }

    /** The resolver's caps: the same numbers, as the resolver's own record. */
    public ResolverLimits resolverLimits() {
        return new ResolverLimits((int) maxInlineImageBytes, (int) maxReferenceImageBytes);
    }

    /** The decoders' caps: this pixel count, and the longest side any decoder accepts. */
    public DecodeLimits decodeLimits() {
        return new DecodeLimits(maxDecodedPixels, DecodedImage.MAX_SIDE);
    }

    private static void requireAtMost(long value, long limit, String key) {
        // Images are held in one Java array, so the caps cannot exceed what an array holds.
        if (value > limit) {
            throw new TriageConfigException(key, key + " must be at most " + limit);
        }
    }

    private static void requirePositive(long value, String key) {
        if (value < 1) {
            throw new TriageConfigException(key, key + " must be positive");
        }
    }

    private static void requireDirectory(Path root) {
        // Relative roots would depend on the working directory, which the container may change.
        if (!root.isAbsolute()) {
            throw new TriageConfigException(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT,
                    ConfigKeys.LIMITS_REFERENCE_FILE_ROOT + " must be an absolute path");
        }
        if (!Files.isDirectory(root)) {
            throw new TriageConfigException(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT,
                    ConfigKeys.LIMITS_REFERENCE_FILE_ROOT + " is not an existing directory: " + root);
        }
    }
}
