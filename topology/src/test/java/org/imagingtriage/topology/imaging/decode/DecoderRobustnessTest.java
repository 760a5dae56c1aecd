package org.imagingtriage.topology.imaging.decode;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.imagingtriage.topology.imaging.TestImages.grey8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;

/** Damaged files of every shape end in an image or an ImagingException, never anything else. */
class DecoderRobustnessTest {

    private static final int MUTANTS = 300;

    @Test
    void mutatedPngsNeverEscapeAsUncheckedExceptions() {
        byte[] original = TestImages.png(TestImages.argb(24, 16, (x, y) -> 0xff000000 | (x * 10 << 16) | (y * 15)));
        assertOnlyImagingExceptions(new PngDecoder(DecodeLimits.defaults()), original, 1, UnaryOperator.identity());
    }

    @Test
    void mutatedPngsWithRepairedCrcsReachImageIoAndNeverEscape() {
        // given: CRCs recomputed after the damage, so the chunk scan passes and ImageIO decides
        byte[] original = TestImages.png(TestImages.argb(24, 16, (x, y) -> 0xff000000 | (x * 10 << 16) | (y * 15)));
        assertOnlyImagingExceptions(new PngDecoder(DecodeLimits.defaults()), original, 3,
                DecoderRobustnessTest::repairCrcs);
    }

    @Test
    void mutatedJpegsNeverEscapeAsUncheckedExceptions() {
        byte[] original = TestImages.jpeg(grey8(32, 24, (x, y) -> (x * y) & 0xff));
        assertOnlyImagingExceptions(new JpegDecoder(DecodeLimits.defaults()), original, 2, UnaryOperator.identity());
    }

    private static void assertOnlyImagingExceptions(ImageDecoder decoder, byte[] original, long seed,
            UnaryOperator<byte[]> afterDamage) {
        // given: a fixed seed, so a failure reproduces
        Random random = new Random(seed);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = afterDamage.apply(mutate(original, random));

            // when / then
            assertThatCode(() -> {
                try {
                    decoder.decode(mutant);
                } catch (ImagingException refusedWithAReason) {
                    // fine
                }
            }).as("mutant %d", i).doesNotThrowAnyException();
        }
    }

    /** Flips, overwrites or cuts: the damage real transfers and bad encoders produce. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] mutant = original.clone();
        int at = 8 + random.nextInt(mutant.length - 8);
        switch (random.nextInt(3)) {
            case 0 -> mutant[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                int length = Math.min(mutant.length - at, 1 + random.nextInt(16));
                for (int j = 0; j < length; j++) {
                    mutant[at + j] = (byte) random.nextInt(256);
                }
            }
            default -> mutant = Arrays.copyOf(mutant, at);
        }
        return mutant;
    }

    /** Recomputes the CRC of every chunk that still fits in the file. */
    private static byte[] repairCrcs(byte[] png) {
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int position = 8;
        while (position + 12 <= png.length) {
            long length = buffer.getInt(position) & 0xffffffffL;
            if (length > png.length - position - 12) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(png, position + 4, 4 + (int) length);
            buffer.putInt(position + 8 + (int) length, (int) crc.getValue());
            position += 12 + (int) length;
        }
        return png;
    }
}
