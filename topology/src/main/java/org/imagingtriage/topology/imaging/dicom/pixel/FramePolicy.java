package org.imagingtriage.topology.imaging.dicom.pixel;

/**
 * Which frame of a multi-frame image the pipeline decodes: MedGemma is shown one image.
 *
 * <p>{@link #MIDDLE} is the default. Multi-frame files in the feeds are mostly volumes (enhanced
 * CT and MR, breast tomosynthesis, nuclear medicine) whose first and last slices are edges of the
 * scanned region, often outside the anatomy of interest; the middle slice is the one most likely
 * to show it. For cine loops (ultrasound, angiography) any frame is about as representative as
 * another, so nothing is lost there.
 */
public enum FramePolicy {

    /** Frame 0. */
    FIRST,
    /** Frame {@code frames / 2}: the middle one, or the later of the two middle ones for an even count. */
    MIDDLE;

    /** The zero-based index of the frame to decode out of {@code frames} (at least 1). */
    public int select(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        return this == FIRST ? 0 : frames / 2;
    }
}
