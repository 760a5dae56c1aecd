package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.DEFLATED;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_BE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.IMPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.JPEG_BASELINE;
import static org.imagingtriage.topology.imaging.dicom.DicomStream.Length.DEFINED;
import static org.imagingtriage.topology.imaging.dicom.DicomStream.Length.UNDEFINED;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cut and damaged files end in a parsed file or a {@link DicomParseException}, never anything
 * else, and a cut file parses only where the cut falls between two complete elements.
 */
class DicomReaderTruncationTest {

    private static final String PHI_VALUE = "DOE^JANE";
    private static final int MUTANTS = 2_000;
    /** Group length, version, SOP class, SOP instance, then the transfer syntax: its end is boundary 4. */
    private static final int TRANSFER_SYNTAX_ELEMENT = 4;

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    static Stream<Arguments> syntaxes() {
        return Stream.of(
                Arguments.of(EXPLICIT_LE, (Supplier<DicomStream>) DicomStream::explicitLittle),
                Arguments.of(IMPLICIT_LE, (Supplier<DicomStream>) DicomStream::implicitLittle),
                Arguments.of(EXPLICIT_BE, (Supplier<DicomStream>) DicomStream::explicitBig),
                Arguments.of(JPEG_BASELINE, (Supplier<DicomStream>) DicomStream::explicitLittle),
                Arguments.of(DEFLATED, (Supplier<DicomStream>) DicomStream::explicitLittle));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxes")
    void truncatedAtEveryOffsetFailsCleanlyUnlessCutBetweenElements(String syntax, Supplier<DicomStream> encoding) {
        // given
        DicomStream dataset = rich(encoding.get(), syntax);
        byte[] file = dataset.file(syntax);
        Set<Integer> cleanCuts = cleanCuts(syntax, dataset);

        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);

            // when
            Throwable whole = catchThrowable(() -> reader.read(cut));
            Throwable header = catchThrowable(() -> reader.readHeader(cut));

            // then
            if (cleanCuts.contains(length)) {
                assertThat(whole).as("cut after a complete element at %d", length).isNull();
            } else {
                assertThat(whole).as("cut inside an element at %d", length).isInstanceOf(DicomParseException.class);
                assertThat(((DicomParseException) whole).reason()).as("cut at %d", length)
                        .isIn(DicomReason.TRUNCATED, DicomReason.MISSING_FILE_META);
            }
            assertThat(header == null || header instanceof DicomParseException).as("header read cut at %d: %s",
                    length, header).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxes")
    void damagedFilesNeverEscapeAsOtherExceptionsNorQuoteValues(String syntax, Supplier<DicomStream> encoding) {
        // given: a fixed seed, so a failure reproduces
        byte[] original = rich(encoding.get(), syntax).file(syntax);
        Random random = new Random(syntax.hashCode());

        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(original, random);

            // when
            Throwable whole = catchThrowable(() -> reader.read(mutant));
            Throwable header = catchThrowable(() -> reader.readHeader(mutant));

            // then
            for (Throwable thrown : new Throwable[] {whole, header}) {
                assertThat(thrown == null || thrown instanceof DicomParseException).as("mutant %d: %s", i, thrown)
                        .isTrue();
                if (thrown != null) {
                    assertThat(thrown.getMessage()).doesNotContain(PHI_VALUE);
                }
            }
        }
    }

    @Test
    void shortFilesAreTruncatedNotSomethingElse() {
        // when
        DicomParseException empty = (DicomParseException) catchThrowable(() -> reader.read(new byte[0]));
        DicomParseException preambleOnly = (DicomParseException) catchThrowable(() -> reader.read(new byte[130]));

        // then
        assertThat(empty.reason()).isEqualTo(DicomReason.TRUNCATED);
        assertThat(preambleOnly.reason()).isEqualTo(DicomReason.TRUNCATED);
        assertThat(preambleOnly.getMessage()).contains("130 bytes");
    }

    /**
     * A data set with a bit of everything: text with PHI, numbers, nested sequences of both
     * length forms, and native or encapsulated pixel data as the syntax wants.
     */
    private static DicomStream rich(DicomStream stream, String syntax) {
        DicomStream inner = stream.item().text(Tag.WindowCenter, "DS", "40").text(Tag.WindowWidth, "DS", "400");
        DicomStream lut = stream.item().text(Tag.RescaleType, "LO", "HU").us(Tag.LUTDescriptor, 4, 0, 8)
                .sequence(Tag.VOILUTSequence, UNDEFINED, inner, stream.item());
        DicomStream voi = stream.item().text(Tag.VOILUTFunction, "CS", "LINEAR");
        stream.text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .text(Tag.Modality, "CS", "MR")
                .text(Tag.PatientName, "PN", PHI_VALUE)
                .us(Tag.Rows, 2)
                .us(Tag.Columns, 2)
                .sequence(Tag.ModalityLUTSequence, DEFINED, lut)
                .sequence(Tag.VOILUTSequence, UNDEFINED, voi);
        return syntax.equals(JPEG_BASELINE)
                ? stream.encapsulated(new long[] {0}, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4})
                : stream.pixelWords(1, 2, 3, 4);
    }

    /** Where a cut file is still a complete one: after a file meta element, or after a top-level element. */
    private static Set<Integer> cleanCuts(String syntax, DicomStream dataset) {
        int metaStart = DicomReader.PREAMBLE_LENGTH + 4;
        int datasetStart = DicomStream.datasetStart(syntax);
        Set<Integer> cuts = new HashSet<>();
        for (int boundary : DicomStream.metaStream(syntax).boundaries()) {
            cuts.add(metaStart + boundary);
        }
        if (syntax.equals(DEFLATED)) {
            // Once the syntax is known to be deflated, what follows must be a whole deflate stream.
            int syntaxEnd = metaStart + DicomStream.metaStream(syntax).boundaries().get(TRANSFER_SYNTAX_ELEMENT);
            cuts.removeIf(cut -> cut >= syntaxEnd);
        } else {
            for (int boundary : dataset.boundaries()) {
                cuts.add(datasetStart + boundary);
            }
        }
        return cuts;
    }

    /** Flips, overwrites or cuts: the damage real transfers and bad encoders produce. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] mutant = original.clone();
        int at = DicomReader.PREAMBLE_LENGTH + random.nextInt(mutant.length - DicomReader.PREAMBLE_LENGTH);
        switch (random.nextInt(4)) {
            case 0 -> mutant[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                int length = Math.min(mutant.length - at, 1 + random.nextInt(8));
                for (int j = 0; j < length; j++) {
                    mutant[at + j] = (byte) random.nextInt(256);
                }
            }
            case 2 -> mutant[at] = (byte) 0xFF; // lengths of 0xFF.. are the dangerous ones
            default -> mutant = Arrays.copyOf(mutant, at);
        }
        return mutant;
    }
}
