package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.streams.test.TestRecord;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.inference.PermanentTritonException;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;
import org.imagingtriage.topology.imaging.dicom.pixel.PixelFiles;
import org.imagingtriage.topology.imaging.resolve.FileReferenceFetcher;
import org.imagingtriage.topology.imaging.resolve.HttpReferenceFetcher;
import org.imagingtriage.topology.inference.MalformedDraftException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reason the pipeline refuses a record, through the production topology: exactly one dead
 * letter with the stage, the stable reason code, the original key and value bytes and the source
 * coordinates, and no draft.
 */
class TriageTopologyDeadLetterTest {

    /**
     * Reasons no input can reach: the renderer's pixel layout refusal is reserved for layouts no
     * decoder produces today (every decoder, DICOM's included, hands it MONOCHROME1, MONOCHROME2
     * or RGB). The preprocess tests cover it. A lost in-flight record needs a restart, which the
     * driver cannot do: {@code AsyncInferStepRestartTest} covers it.
     */
    private static final Set<String> UNREACHABLE = Set.of(ImagingReason.UNSUPPORTED_PIXEL_LAYOUT.name(),
            PipelineReason.SOURCE_RECORD_LOST.name());
    private static final String PHI_VALUE = "DOE^JANE";

    @TempDir
    Path root;

    /** What one case sends, given the kit and the reference root. */
    record Case(String reason, Stage stage, boolean eventReadable, Function<Fixture, TestRecord<byte[], byte[]>> input) {
        @Override
        public String toString() {
            return reason;
        }
    }

    record Fixture(PipelineTestKit kit, Path root) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                unreadable("TOMBSTONE", f -> new TestRecord<>(PipelineTestKit.key(event().build()), null)),
                unreadable("NOT_WIRE_FORMAT", f -> new TestRecord<>(null, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))),
                unreadable("UNKNOWN_SCHEMA_ID", f -> new TestRecord<>(null, new byte[] {0, 0, 0, 0x27, 0x0F, 2, 'x'})),
                unreadable("INCOMPATIBLE_SCHEMA", f -> new TestRecord<>(null, otherRecordBytes(f.kit()))),
                unreadable("MALFORMED_RECORD", f -> {
                    byte[] whole = f.kit().bytes(event().build());
                    return new TestRecord<>(null, Arrays.copyOf(whole, whole.length - 40));
                }),
                readable("INVALID_UID", Stage.VALIDATE, f -> event().setSopInstanceUid("1.2.03.4")),
                readable("INVALID_MODALITY", Stage.VALIDATE, f -> event().setModality("chest x-ray")),
                readable("INVALID_FIELD", Stage.VALIDATE, f -> event().setSource(" ")),
                new Case("KEY_MISMATCH", Stage.VALIDATE, true, f -> new TestRecord<>(
                        "1.2.3".getBytes(StandardCharsets.UTF_8), f.kit().bytes(event().build()))),
                readable("INVALID_REFERENCE", Stage.RESOLVE, f -> reference(f, "file:///x.png", "xyz", 10)),
                readable("UNSUPPORTED_SCHEME", Stage.RESOLVE,
                        f -> reference(f, "ftp://pacs.example.org/x.png", "0".repeat(64), 10)),
                readable("REFERENCE_ORIGIN_NOT_ALLOWED", Stage.RESOLVE,
                        f -> reference(f, "https://pacs.example.org/x.png", "0".repeat(64), 10)),
                readable("REFERENCE_REJECTED", Stage.RESOLVE,
                        f -> reference(f, "https://pacs.example.org" + SCRIPTED_HTTP_PATH + "REFERENCE_REJECTED",
                                "0".repeat(64), 10)),
                readable("REFERENCE_TLS_FAILED", Stage.RESOLVE,
                        f -> reference(f, "https://pacs.example.org" + SCRIPTED_HTTP_PATH + "REFERENCE_TLS_FAILED",
                                "0".repeat(64), 10)),
                readable("REFERENCE_CONTENT_UNSUPPORTED", Stage.RESOLVE,
                        f -> reference(f, "https://pacs.example.org" + SCRIPTED_HTTP_PATH
                                + "REFERENCE_CONTENT_UNSUPPORTED", "0".repeat(64), 10)),
                readable("IMAGE_TOO_LARGE", Stage.RESOLVE, f -> event().setPayload(TestImages.inline(new byte[70_000]))),
                readable("REFERENCE_OUTSIDE_ROOT", Stage.RESOLVE, f -> reference(f, "file:///etc/hostname", "0".repeat(64), 10)),
                readable("REFERENCE_NOT_FOUND", Stage.RESOLVE,
                        f -> reference(f, f.root().resolve("absent.png").toUri().toString(), "0".repeat(64), 10)),
                readable("REFERENCE_ACCESS_DENIED", Stage.RESOLVE,
                        f -> reference(f, f.root().resolve(DENIED_FILE).toUri().toString(), "0".repeat(64), 10)),
                readable("SIZE_MISMATCH", Stage.RESOLVE, f -> {
                    byte[] png = png();
                    return reference(f, write(f, "short.png", png), sha256(png), png.length + 1);
                }),
                readable("SHA256_MISMATCH", Stage.RESOLVE, f -> {
                    byte[] png = png();
                    return reference(f, write(f, "tampered.png", png), "0".repeat(64), png.length);
                }),
                readable("UNSUPPORTED_FORMAT", Stage.DECODE, f -> dicom(PixelFiles.colour(1, 1, "YBR_FULL")
                        .us(Tag.BitsAllocated, 32).us(Tag.BitsStored, 32).us(Tag.HighBit, 31).pixelInts(0, 0, 0)
                        .file())),
                readable("UNSUPPORTED_TRANSFER_SYNTAX", Stage.DECODE, f -> dicom(PixelFiles.grey(1, 1, 8, 8)
                        .syntax(TransferSyntax.JPEG_LS_LOSSLESS)
                        .encapsulated(null, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7}).file())),
                readable("DICOM_LIMIT_EXCEEDED", Stage.DECODE, f -> dicom(PixelFiles.grey(1, 1, 8, 8)
                        .nestedSequences(Tag.VOILUTSequence, DicomLimits.DEFAULT_MAX_DEPTH + 1)
                        .pixelBytes(new byte[] {0, 0}).file())),
                readable("FORMAT_MISMATCH", Stage.DECODE,
                        f -> event().setPayload(TestImages.inline(TestImages.jpeg(TestImages.rgb(64, 64, (x, y) -> 0x808080))))),
                readable("CORRUPT_IMAGE", Stage.DECODE,
                        f -> event().setPayload(TestImages.inline(Arrays.copyOf(png(), 120)))),
                readable("PIXEL_LIMIT_EXCEEDED", Stage.DECODE,
                        f -> event().setPayload(TestImages.inline(TestImages.pngHeaderOnly(5000, 5000)))),
                readable("UNSUPPORTED_COLOR_SPACE", Stage.DECODE,
                        f -> event().setFormat(ImageFormat.JPEG).setPayload(TestImages.inline(TestImages.cmykJpeg(32, 32)))),
                readable("DEIDENTIFICATION_NOT_ASSERTED", Stage.DEIDENTIFICATION,
                        f -> event().setDeidentification(new Deidentification(false, null))),
                readable("PHI_IN_ATTRIBUTES", Stage.DEIDENTIFICATION,
                        f -> event().setAttributes(Map.of("PatientName", PHI_VALUE))),
                readable("PHI_IN_IMAGE_METADATA", Stage.DEIDENTIFICATION, f -> event().setPayload(TestImages.inline(
                        TestImages.insertBeforeIend(png(), TestImages.textChunk("Author", PHI_VALUE))))),
                readable("IDENTITY_NOT_REMOVED", Stage.DEIDENTIFICATION,
                        f -> dicom(PixelFiles.grey(2, 2, 8, 8).pixelBytes(new byte[4]).file())),
                readable("PHI_IN_DICOM_HEADER", Stage.DEIDENTIFICATION, f -> dicom(deidentifiedDicom()
                        .text(Tag.PatientName, "PN", PHI_VALUE).file())),
                readable("BURNED_IN_ANNOTATION", Stage.DEIDENTIFICATION, f -> dicom(deidentifiedDicom()
                        .text(Tag.BurnedInAnnotation, "CS", "YES").file())),
                readable("INFERENCE_REJECTED", Stage.INFERENCE, f -> {
                    f.kit().model = (event, image) -> {
                        throw new PermanentTritonException(Status.Code.INVALID_ARGUMENT, "ModelInfer medgemma-4b-it",
                                "unexpected shape for input 'IMAGE'", null);
                    };
                    return event();
                }),
                readable("MALFORMED_MODEL_OUTPUT", Stage.INFERENCE, f -> {
                    f.kit().model = (event, image) -> {
                        throw new MalformedDraftException("output DRAFT is not UTF-8 text", null);
                    };
                    return event();
                }));
    }

    private static final String DENIED_FILE = "denied.png";
    /**
     * https references under this path fail with the reason that ends them; HttpReferenceFetcherTest
     * shows which server answers give those reasons, this test what the pipeline does with them.
     */
    private static final String SCRIPTED_HTTP_PATH = "/scripted/";

    /** A 2x2 DICOM image whose header says, as a de-identified one should, that identity was removed. */
    private static PixelFiles deidentifiedDicom() {
        return PixelFiles.grey(2, 2, 8, 8).text(Tag.PatientIdentityRemoved, "CS", "YES").pixelBytes(new byte[4]);
    }

    private static ImageEvent.Builder dicom(byte[] file) {
        return event().setFormat(ImageFormat.DICOM).setPayload(TestImages.inline(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedRecordBecomesOneDeadLetterWithItsOriginalBytes(Case refusal) throws Exception {
        // given: the running user may read every file (tests run as root here), so denial is scripted
        FileReferenceFetcher files = FileReferenceFetcher.rootedAt(root);
        try (PipelineTestKit kit = new PipelineTestKit(root, imaging -> new ImagingStages(
                imaging.resolver().withFetcher(FileReferenceFetcher.SCHEME, uri -> {
                    if (uri.getPath().endsWith(DENIED_FILE)) {
                        throw new ImagingException(ImagingReason.REFERENCE_ACCESS_DENIED, "not readable by the pipeline");
                    }
                    return files.open(uri);
                }).withFetcher("https", uri -> {
                    if (uri.getPath().startsWith(SCRIPTED_HTTP_PATH)) {
                        throw new ImagingException(ImagingReason.valueOf(
                                uri.getPath().substring(SCRIPTED_HTTP_PATH.length())), "scripted answer");
                    }
                    return HttpReferenceFetcher.allowingNoOrigin().open(uri);
                }), imaging.decoders(), imaging.gate(), imaging.preprocessor()))) {
            TestRecord<byte[], byte[]> input = refusal.input().apply(new Fixture(kit, root));

            // when
            kit.events.pipeInput(input);

            // then
            assertThat(kit.drafts.isEmpty()).isTrue();
            List<TestRecord<byte[], DeadLetter>> letters = kit.deadLetters.readRecordsToList();
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0).value();
            assertThat(letter.getStage()).isEqualTo(refusal.stage());
            assertThat(letter.getReason()).isEqualTo(refusal.reason());
            assertThat(letter.getDetail()).isNotBlank().doesNotContain(PHI_VALUE);
            assertThat(letter.getSourceTopic()).isEqualTo(kit.config.topics().events().name());
            assertThat(letter.getSourcePartition()).isZero();
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(bytes(letter.getOriginalKey())).isEqualTo(input.key());
            assertThat(bytes(letter.getOriginalValue())).isEqualTo(input.value());
            assertThat(letter.getAttempts()).isEqualTo(1);
            assertThat(letter.getFailedAt()).isEqualTo(PipelineTestKit.NOW);
            assertThat(letter.getEventId()).isEqualTo(refusal.eventReadable() ? EVENT_ID : null);
            assertThat(letters.get(0).key()).isEqualTo(input.key());
            assertThat(kit.counter("triage.dead.letters", "stage", refusal.stage().name(), "reason", refusal.reason()))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void everyReasonThePipelineCanGiveHasACase() {
        // given
        Set<String> covered = cases().map(Case::reason).collect(Collectors.toSet());
        Stream<String> imaging = Arrays.stream(ImagingReason.values()).filter(reason -> !reason.isTransient())
                .map(Enum::name);
        Stream<String> pipeline = Arrays.stream(PipelineReason.values()).map(Enum::name);

        // when
        Set<String> reasons = Stream.concat(imaging, pipeline).collect(Collectors.toSet());

        // then
        assertThat(covered).doesNotContainAnyElementsOf(UNREACHABLE);
        assertThat(union(covered, UNREACHABLE)).isEqualTo(reasons);
    }

    private static final String EVENT_ID = "00000000-0000-4000-8000-000000000001";

    private static Case unreadable(String reason, Function<Fixture, TestRecord<byte[], byte[]>> input) {
        return new Case(reason, Stage.DESERIALIZE, false, input);
    }

    private static Case readable(String reason, Stage stage, Function<Fixture, ImageEvent.Builder> event) {
        return new Case(reason, stage, true, f -> {
            ImageEvent built = event.apply(f).build();
            return new TestRecord<>(PipelineTestKit.key(built), f.kit().bytes(built));
        });
    }

    private static ImageEvent.Builder event() {
        return TestImages.event(ImageFormat.PNG, TestImages.inline(png()))
                .setCreatedAt(PipelineTestKit.NOW.minusSeconds(2));
    }

    private static ImageEvent.Builder reference(Fixture f, String uri, String sha256, long size) {
        return event().setPayload(new ImageRef(uri, sha256, size));
    }

    private static byte[] png() {
        return TestImages.png(TestImages.grey8(120, 80, (x, y) -> (x + y) % 256));
    }

    private static String write(Fixture f, String name, byte[] bytes) {
        try {
            return Files.write(f.root().resolve(name), bytes).toUri().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] otherRecordBytes(PipelineTestKit kit) {
        Schema other = SchemaBuilder.record("Heartbeat").namespace("org.example").fields()
                .requiredString("host").endRecord();
        int id = kit.registry.register(other);
        return ByteBuffer.allocate(9).put((byte) 0).putInt(id).put(new byte[] {6, 'a', 'b', 'c'}).array();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
