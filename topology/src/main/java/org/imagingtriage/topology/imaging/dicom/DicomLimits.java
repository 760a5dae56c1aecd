package org.imagingtriage.topology.imaging.dicom;

import org.imagingtriage.topology.imaging.resolve.ResolverLimits;

/**
 * Hard caps on what one DICOM file may make the reader build. Lengths in the file are never
 * allocated: values are views into the bytes read, and a length longer than the bytes that
 * remain is refused as truncation. These caps bound what is built on top: objects per element,
 * fragment lists, nesting and, for the deflated syntax, the one buffer the reader does allocate.
 *
 * @param maxElementBytes longest value of any element other than pixel data (64 MiB by default:
 *     far above any real header attribute, yet a bound on what a string getter may decode)
 * @param maxPixelDataBytes longest pixel data, native or all fragments together (by default the
 *     resolver's reference cap, which no file's pixel data can exceed anyway; it matters for
 *     inflated data sets and for callers that want less)
 * @param maxInflatedBytes largest data set a deflated file may inflate to (by default the
 *     resolver's reference cap too: a deflated file may not grow past what an uncompressed one
 *     may be); the inflate buffer grows by doubling, so at most about twice this is allocated
 * @param maxDepth deepest sequence nesting (16: real files nest under 6 deep; the parser is
 *     iterative, so this bounds work and memory, not the stack)
 * @param maxElements most data elements and items in the whole file, nested ones included
 *     (500,000: an enhanced multi-frame header with thousands of frames stays well below; each
 *     costs an object, so this bounds the heap a file of tiny elements can take)
 * @param maxFragments most encapsulated pixel data fragments (100,000: more than one per frame
 *     of the longest cine loops)
 */
public record DicomLimits(int maxElementBytes, int maxPixelDataBytes, int maxInflatedBytes, int maxDepth,
        int maxElements, int maxFragments) {

    public static final int DEFAULT_MAX_ELEMENT_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_PIXEL_DATA_BYTES = ResolverLimits.DEFAULT_MAX_REFERENCE_BYTES;
    public static final int DEFAULT_MAX_INFLATED_BYTES = ResolverLimits.DEFAULT_MAX_REFERENCE_BYTES;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_ELEMENTS = 500_000;
    public static final int DEFAULT_MAX_FRAGMENTS = 100_000;
    /** Deeper than any standard IOD could need; the cap exists to stay a cap. */
    public static final int MAX_DEPTH = 100_000;

    public DicomLimits {
        requireRange("maxElementBytes", maxElementBytes, 1, ResolverLimits.MAX_ARRAY_BYTES);
        requireRange("maxPixelDataBytes", maxPixelDataBytes, 1, ResolverLimits.MAX_ARRAY_BYTES);
        requireRange("maxInflatedBytes", maxInflatedBytes, 1, ResolverLimits.MAX_ARRAY_BYTES);
        requireRange("maxDepth", maxDepth, 1, MAX_DEPTH);
        requireRange("maxElements", maxElements, 1, Integer.MAX_VALUE);
        requireRange("maxFragments", maxFragments, 1, Integer.MAX_VALUE);
    }

    public static DicomLimits defaults() {
        return new DicomLimits(DEFAULT_MAX_ELEMENT_BYTES, DEFAULT_MAX_PIXEL_DATA_BYTES, DEFAULT_MAX_INFLATED_BYTES,
                DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_FRAGMENTS);
    }

    /**
     * The defaults with pixel data and inflation capped at what the resolver admits for one image
     * (the larger of its inline and reference caps), so a configuration that lowers those lowers
     * these too.
     */
    public static DicomLimits forResolver(ResolverLimits resolver) {
        int imageBytes = Math.max(resolver.maxInlineBytes(), resolver.maxReferenceBytes());
        return new DicomLimits(DEFAULT_MAX_ELEMENT_BYTES, imageBytes, imageBytes, DEFAULT_MAX_DEPTH,
                DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_FRAGMENTS);
    }

    public DicomLimits withMaxDepth(int depth) {
        return new DicomLimits(maxElementBytes, maxPixelDataBytes, maxInflatedBytes, depth, maxElements,
                maxFragments);
    }

    public DicomLimits withMaxInflatedBytes(int bytes) {
        return new DicomLimits(maxElementBytes, maxPixelDataBytes, bytes, maxDepth, maxElements, maxFragments);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
