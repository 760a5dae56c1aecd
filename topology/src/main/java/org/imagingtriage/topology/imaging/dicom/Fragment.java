package org.imagingtriage.topology.imaging.dicom;

/**
 * One fragment of encapsulated pixel data: where its bytes start in the parsed bytes (after the
 * item header) and how many there are. {@link EncapsulatedPixelData#fragment(int)} gives the bytes.
 */
public record Fragment(int offset, int length) {

    public Fragment {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
    }
}
