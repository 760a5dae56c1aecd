package org.imagingtriage.topology.imaging.dicom.pixel;

import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * Stored words to pixel values (PS3.5 8.1.1, PS3.3 C.7.6.3.1): the BitsStored bits ending at
 * HighBit are the value; bits above are not part of it (overlays in old files, garbage in others)
 * and are dropped; signed values are sign-extended from their top stored bit. Done in place.
 */
final class StoredValues {

    private StoredValues() {
    }

    static Samples normalize(ImageDescriptor image, Samples stored) {
        if (image.bitsAllocated() == 1) {
            return stored;
        }
        int shift = image.shift();
        int bits = image.bitsStored();
        int mask = (1 << bits) - 1;
        int extend = 32 - bits;
        if (stored instanceof Samples.Bytes bytes) {
            byte[] data = bytes.data();
            if (!image.signed()) {
                if (shift != 0 || bits != 8) {
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) (((data[i] & 0xff) >>> shift) & mask);
                    }
                }
                return bytes;
            }
            // Samples.Bytes is unsigned: signed 8-bit values widen to shorts.
            short[] widened = new short[data.length];
            for (int i = 0; i < data.length; i++) {
                widened[i] = (short) (((((data[i] & 0xff) >>> shift) & mask) << extend) >> extend);
            }
            return new Samples.Shorts(widened, true);
        }
        short[] data = ((Samples.Shorts) stored).data();
        for (int i = 0; i < data.length; i++) {
            int value = ((data[i] & 0xffff) >>> shift) & mask;
            data[i] = (short) (image.signed() ? (value << extend) >> extend : value);
        }
        return new Samples.Shorts(data, image.signed());
    }
}
