package org.imagingtriage.topology.imaging.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The DICOM reader on arbitrary bytes: a refusal ({@link DicomParseException}) is the only
 * allowed failure. Any other exception, an {@link OutOfMemoryError}, a {@link StackOverflowError}
 * or a hang is a finding, since the reader sees untrusted files before anything else does.
 *
 * <p>In the normal build this replays the seeds under
 * {@code src/test/resources/org/imagingtriage/topology/imaging/dicom/DicomReaderFuzzTestInputs/<method>/}
 * (small valid files from pydicom's test data) plus any crash files saved there, in well under a
 * second. With {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}; topology/README.md says how.
 */
class DicomReaderFuzzTest {

    /** The production limits: a finding under them is a finding in the pipeline. */
    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    @FuzzTest(maxDuration = "5m")
    void read(byte[] file) {
        try {
            reader.read(file);
        } catch (DicomParseException refused) {
            // The documented way to say no; everything else propagates and fails the run.
        }
    }

    @FuzzTest(maxDuration = "5m")
    void readHeader(byte[] file) {
        try {
            reader.readHeader(file);
        } catch (DicomParseException refused) {
            // As above: a refusal is a pass.
        }
    }
}
