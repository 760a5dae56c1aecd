package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * The smallest and largest stored value in an image: the domain of its lookup tables (at most
 * 65,536 values, since samples are at most 16 bits), so no table entry is computed for a value
 * the image cannot hold, and a sample never indexes outside its table whatever bits the decoder
 * left set.
 */
record StoredRange(int min, int max) {

    /** One pass over the arrays themselves: no per-sample interface call. */
    static StoredRange of(Samples samples) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        if (samples instanceof Samples.Bytes bytes) {
            for (byte b : bytes.data()) {
                int value = b & 0xff;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        } else if (samples instanceof Samples.Shorts shorts && shorts.signed()) {
            for (short s : shorts.data()) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        } else {
            for (short s : ((Samples.Shorts) samples).data()) {
                int value = s & 0xffff;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new StoredRange(min, max);
    }

    /** Table entries needed: {@code max - min + 1}, 1 to 65,536. */
    int size() {
        return max - min + 1;
    }
}
