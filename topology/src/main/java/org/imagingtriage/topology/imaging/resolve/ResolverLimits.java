package org.imagingtriage.topology.imaging.resolve;

/**
 * Hard caps on the bytes the resolver will hold for one image.
 *
 * @param maxInlineBytes largest inline payload accepted (the topic's max.message.bytes bounds it
 *     already; this keeps a misconfigured topic from widening what the decoders see)
 * @param maxReferenceBytes largest declared {@code sizeBytes} accepted for a reference; the
 *     resolver allocates the declared size, so this is also the allocation cap
 */
public record ResolverLimits(int maxInlineBytes, int maxReferenceBytes) {

    /** Java arrays cannot be larger than this on common JVMs. */
    public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    /** 15 MiB: with 1 MiB of envelope, a record still fits the default 16 MiB max.message.bytes. */
    public static final int DEFAULT_MAX_INLINE_BYTES = 15 * 1024 * 1024;
    /** 256 MiB: a large uncompressed multi-frame or whole mammography study file. */
    public static final int DEFAULT_MAX_REFERENCE_BYTES = 256 * 1024 * 1024;

    public ResolverLimits {
        if (maxInlineBytes < 1 || maxInlineBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxInlineBytes must be 1.." + MAX_ARRAY_BYTES + ", got "
                    + maxInlineBytes);
        }
        if (maxReferenceBytes < 1 || maxReferenceBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxReferenceBytes must be 1.." + MAX_ARRAY_BYTES + ", got "
                    + maxReferenceBytes);
        }
    }

    public static ResolverLimits defaults() {
        return new ResolverLimits(DEFAULT_MAX_INLINE_BYTES, DEFAULT_MAX_REFERENCE_BYTES);
    }
}
