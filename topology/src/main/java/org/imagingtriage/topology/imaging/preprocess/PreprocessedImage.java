package org.imagingtriage.topology.imaging.preprocess;

import java.util.Objects;

/**
 * The model's image input: {@code side x side x 3} bytes, RGB, row-major HWC, with how it was
 * made. Immutable: {@link #pixels()} returns a copy.
 */
public final class PreprocessedImage {

    private final byte[] pixels;
    private final int side;
    private final LetterboxGeometry geometry;
    private final String preprocessingVersion;
    private final String inputSha256;

    PreprocessedImage(byte[] pixels, int side, LetterboxGeometry geometry, String preprocessingVersion,
            String inputSha256) {
        if (pixels.length != side * side * 3) {
            throw new IllegalArgumentException("expected " + side * side * 3 + " bytes, got " + pixels.length);
        }
        this.pixels = pixels;
        this.side = side;
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.preprocessingVersion = Objects.requireNonNull(preprocessingVersion, "preprocessingVersion");
        this.inputSha256 = Objects.requireNonNull(inputSha256, "inputSha256");
    }

    /** A copy of the tensor bytes, ready for {@code MedGemmaRequest.pixels}. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** One byte of the tensor, without copying it: channel 0 red, 1 green, 2 blue. */
    public int pixel(int x, int y, int channel) {
        Objects.checkIndex(x, side);
        Objects.checkIndex(y, side);
        Objects.checkIndex(channel, 3);
        return pixels[(y * side + x) * 3 + channel] & 0xff;
    }

    /** Width and height of the square tensor. */
    public int side() {
        return side;
    }

    public LetterboxGeometry geometry() {
        return geometry;
    }

    /** For {@code DraftFinding.provenance.preprocessingVersion}: the renderer's and the letterbox's versions. */
    public String preprocessingVersion() {
        return preprocessingVersion;
    }

    /** Lower-case hex SHA-256 of the tensor bytes, for {@code DraftFinding.provenance.inputSha256}. */
    public String inputSha256() {
        return inputSha256;
    }
}
