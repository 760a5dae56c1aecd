package org.imagingtriage.topology.feed;

import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.LimitSettings;

/**
 * Decides by size whether an image goes inline or by reference.
 *
 * @param inlineMaxBytes largest image sent inline; 0 sends every image by reference
 * @param maxReferenceBytes largest image the pipeline fetches by reference; larger ones are not sent
 */
public record PayloadPolicy(long inlineMaxBytes, long maxReferenceBytes) {

    public PayloadPolicy {
        if (inlineMaxBytes < 0) {
            throw new IllegalArgumentException("the inline limit must be 0 or more bytes, not " + inlineMaxBytes);
        }
        if (maxReferenceBytes < 1) {
            throw new IllegalArgumentException("the reference limit must be positive, not " + maxReferenceBytes);
        }
    }

    /**
     * The configured limits, with the inline limit lowered to {@code inlineMaxBytes} when given.
     * Raising it is refused: the pipeline dead-letters larger inline images (IMAGE_TOO_LARGE), and
     * the topics and producers are sized for the configured limit only.
     */
    public static PayloadPolicy forLimits(LimitSettings limits, Long inlineMaxBytes) {
        long inline = inlineMaxBytes == null ? limits.maxInlineImageBytes() : inlineMaxBytes;
        if (inline > limits.maxInlineImageBytes()) {
            throw new IllegalArgumentException("the inline limit " + inline + " is above "
                    + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES + " (" + limits.maxInlineImageBytes()
                    + "): the pipeline would refuse such events; raise the configuration instead");
        }
        return new PayloadPolicy(inline, limits.maxReferenceImageBytes());
    }

    public PayloadKind kindFor(long sizeBytes) {
        if (sizeBytes <= inlineMaxBytes) {
            return PayloadKind.INLINE;
        }
        return sizeBytes <= maxReferenceBytes ? PayloadKind.REFERENCE : PayloadKind.TOO_LARGE;
    }
}
