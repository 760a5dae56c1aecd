package org.imagingtriage.topology.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.decode.FormatSignatures;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomFile;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomParseException;
import org.imagingtriage.topology.imaging.dicom.DicomReader;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedPng;

/**
 * One local file through the pipeline's own imaging stages, as {@code triage preprocess} runs
 * them: read (size-capped), recognise by signature, decode, gate, preprocess, write the PNG. A
 * refusal is an outcome with the pipeline's reason code, never an exception; only failing to
 * write an output escapes, since the run cannot do what it was asked.
 */
final class LocalPreprocessor {

    /** CS characters (PS3.5 6.2): a modality code that is anything else is not printed. */
    private static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9_ ]{1,16}");
    private static final int META_GROUP = 0x0002;

    private final long maxBytes;
    private final DecoderRegistry decoders;
    private final Optional<DeidentificationGate> gate;
    private final ImagePreprocessor preprocessor;
    private final OutputNames outputs;
    private final DicomReader dicomReader = new DicomReader(DicomLimits.defaults());

    /** @param gate empty when identity checks are off (--allow-identified) */
    LocalPreprocessor(long maxBytes, DecoderRegistry decoders, Optional<DeidentificationGate> gate,
            ImagePreprocessor preprocessor, OutputNames outputs) {
        this.maxBytes = maxBytes;
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
    }

    PreprocessOutcome process(Path input) {
        Outcome outcome = new Outcome(input);
        try {
            byte[] bytes = read(input);
            ImageFormat format = formatOf(bytes).orElseThrow(() -> new ImagingException(
                    ImagingReason.UNSUPPORTED_FORMAT, "no PNG, JPEG or DICOM signature"));
            if (format == ImageFormat.DICOM) {
                describeDicom(bytes, outcome);
            }
            DecodedImage image = decoders.decode(format, bytes);
            outcome.dimensions = Optional.of(image.width() + "x" + image.height());
            if (gate.isPresent()) {
                gate.get().checkImage(image);
            }
            PreprocessedImage tensor = preprocessor.preprocess(image);
            outcome.output = Optional.of(write(input, tensor));
        } catch (ImagingException refused) {
            outcome.reason = Optional.of(refused.reasonCode());
        }
        return outcome.toOutcome();
    }

    private byte[] read(Path input) throws ImagingException {
        try {
            if (!Files.isRegularFile(input)) {
                throw new ImagingException(ImagingReason.REFERENCE_NOT_FOUND, "not a regular file");
            }
            if (Files.size(input) > maxBytes) {
                throw new ImagingException(ImagingReason.IMAGE_TOO_LARGE, "larger than " + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(input)) {
                // The size may have grown since it was checked: never read past the cap.
                byte[] bytes = in.readNBytes((int) maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new ImagingException(ImagingReason.IMAGE_TOO_LARGE, "larger than " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new ImagingException(ImagingReason.REFERENCE_NOT_FOUND, "no such file");
        } catch (AccessDeniedException e) {
            throw new ImagingException(ImagingReason.REFERENCE_ACCESS_DENIED, "not readable");
        } catch (IOException e) {
            throw new ImagingException(ImagingReason.REFERENCE_READ_FAILED, e.getClass().getSimpleName());
        }
    }

    /** By signature: PNG, JPEG, DICOM with "DICM" at 128, or DICOM opening with its group 0002 (no preamble). */
    static Optional<ImageFormat> formatOf(byte[] bytes) {
        Optional<ImageFormat> signed = FormatSignatures.detect(bytes);
        if (signed.isPresent()) {
            return signed;
        }
        boolean metaGroupFirst = bytes.length >= 8 && ((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8) == META_GROUP
                && Character.isUpperCase(bytes[4]) && Character.isUpperCase(bytes[5]);
        return metaGroupFirst ? Optional.of(ImageFormat.DICOM) : Optional.empty();
    }

    /** Transfer syntax, modality and size from the header, read on its own since decoding may refuse the file. */
    private void describeDicom(byte[] bytes, Outcome outcome) throws ImagingException {
        DicomFile file;
        try {
            file = dicomReader.readHeader(bytes);
        } catch (DicomParseException e) {
            throw e.toImagingException();
        }
        DicomDataset header = file.dataset();
        // Only known syntaxes get here (the reader refuses others), so the UID is one of the standard's.
        outcome.transferSyntaxUid = Optional.of(file.transferSyntax().uid());
        outcome.modality = header.getString(Tag.Modality).filter(code -> CODE_STRING.matcher(code).matches());
        OptionalInt columns = header.getInt(Tag.Columns);
        OptionalInt rows = header.getInt(Tag.Rows);
        if (columns.isPresent() && rows.isPresent()) {
            outcome.dimensions = Optional.of(columns.getAsInt() + "x" + rows.getAsInt());
        }
    }

    private Path write(Path input, PreprocessedImage tensor) {
        try {
            OutputNames.Created created = outputs.create(input);
            try (OutputStream out = created.stream()) {
                PreprocessedPng.write(tensor, out);
            }
            return created.path();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output for " + input.getFileName(), e);
        }
    }

    /** The fields an outcome gathers as the stages run. */
    private static final class Outcome {
        private final Path input;
        private Optional<String> reason = Optional.empty();
        private Optional<String> transferSyntaxUid = Optional.empty();
        private Optional<String> modality = Optional.empty();
        private Optional<String> dimensions = Optional.empty();
        private Optional<Path> output = Optional.empty();

        Outcome(Path input) {
            this.input = input;
        }

        PreprocessOutcome toOutcome() {
            return new PreprocessOutcome(input, reason, transferSyntaxUid, modality, dimensions, output);
        }
    }
}
