package org.imagingtriage.devstack.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomFile;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomReader;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.imaging.resolve.ImageResolver;
import org.imagingtriage.topology.imaging.resolve.ResolverLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImagesTest {

    /** Rendered once: the samples are deterministic, and the chest CR alone is five megapixels. */
    private static final Map<SampleImage, byte[]> FILES = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void renderEverySample() {
        SampleImages.catalog().forEach(sample -> FILES.put(sample, SampleImages.bytes(sample)));
    }

    @Test
    void everyPngAndJpegSampleDecodesWithImageIoToItsDeclaredSizeAndType() throws Exception {
        List<SampleImage> imageIoFormats = new ArrayList<>(samplesIn(ImageFormat.PNG));
        imageIoFormats.addAll(samplesIn(ImageFormat.JPEG));
        for (SampleImage sample : imageIoFormats) {
            // when
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(FILES.get(sample)));

            // then
            assertThat(image).as(sample.name()).isNotNull();
            assertThat(image.getWidth()).as(sample.name()).isEqualTo(sample.width());
            assertThat(image.getHeight()).as(sample.name()).isEqualTo(sample.height());
            assertThat(image.getColorModel().getNumComponents()).as(sample.name())
                    .isEqualTo(sample.pixelType() == PixelType.RGB_8 ? 3 : 1);
            assertThat(image.getColorModel().getComponentSize(0)).as(sample.name())
                    .isEqualTo(sample.pixelType() == PixelType.GREY_16 ? 16 : 8);
        }
    }

    @Test
    void pngSamplesHoldOnlyImageChunks() {
        for (SampleImage sample : samplesIn(ImageFormat.PNG)) {
            // when
            List<String> chunks = FileStructure.pngChunkTypes(FILES.get(sample));

            // then
            assertThat(chunks).as(sample.name())
                    .doesNotContain("tEXt", "zTXt", "iTXt", "eXIf", "tIME")
                    .startsWith("IHDR").endsWith("IEND")
                    .allMatch(type -> List.of("IHDR", "IDAT", "IEND").contains(type));
        }
    }

    @Test
    void jpegSamplesHoldNoCommentExifOrXmp() {
        for (SampleImage sample : samplesIn(ImageFormat.JPEG)) {
            // when
            List<Integer> markers = FileStructure.jpegMarkersUpToScan(FILES.get(sample));

            // then: APP0 (JFIF) is the only application segment; no COM, no APP1 (EXIF, XMP)
            assertThat(markers).as(sample.name())
                    .doesNotContain(0xfe, 0xe1)
                    .filteredOn(marker -> marker >= 0xe0 && marker <= 0xef).containsOnly(0xe0);
        }
    }

    @Test
    void everySamplePassesThePipelinesDecodersAndDeidentificationGate() throws Exception {
        DecoderRegistry decoders = DecoderRegistry.defaults(DecodeLimits.defaults());
        DeidentificationGate gate = new DeidentificationGate(DeidentificationPolicy.defaults());
        for (SampleImage sample : SampleImages.catalog()) {
            // when
            DecodedImage decoded = decoders.decode(sample.format(), FILES.get(sample));
            gate.checkImage(decoded);

            // then
            assertThat(decoded.width()).as(sample.name()).isEqualTo(sample.width());
            assertThat(decoded.height()).as(sample.name()).isEqualTo(sample.height());
            // 16-bit PNG stores 16 bits; DICOM samples say 12 of their 16 are used, as detectors do.
            int bitsStored = sample.pixelType() != PixelType.GREY_16 ? 8 : sample.format() == ImageFormat.DICOM ? 12 : 16;
            assertThat(decoded.bitsStored()).as(sample.name()).isEqualTo(bitsStored);
            assertThat(decoded.dicomHeader().isPresent()).as(sample.name())
                    .isEqualTo(sample.format() == ImageFormat.DICOM);
            assertThat(decoded.metadataKeys()).as(sample.name()).isSubsetOf("JFIF");
        }
    }

    @Test
    void everySampleWithItsSidecarBecomesAModelInput() throws Exception {
        // the pipeline's imaging stages in the topology's order
        ImageResolver resolver = ImageResolver.inlineOnly(ResolverLimits.defaults());
        DecoderRegistry decoders = DecoderRegistry.defaults(DecodeLimits.defaults());
        DeidentificationGate gate = new DeidentificationGate(DeidentificationPolicy.defaults());
        ImagePreprocessor preprocessor = ImagePreprocessor.defaults();
        for (SampleImage sample : SampleImages.catalog()) {
            // given: the event the folder feed would publish from the file and its sidecar
            ImageEvent event = eventFromSidecar(sample);

            // when
            gate.checkEvent(event);
            DecodedImage decoded = decoders.decode(event.getFormat(), resolver.resolve(event));
            gate.checkImage(decoded);
            PreprocessedImage prepared = preprocessor.preprocess(decoded);

            // then
            assertThat(prepared.side()).as(sample.name()).isEqualTo(896);
        }
    }

    @Test
    void theSameSampleGivesTheSameBytesEveryTime() {
        for (SampleImage sample : SampleImages.catalog()) {
            assertThat(SampleImages.bytes(sample)).as(sample.name()).isEqualTo(FILES.get(sample));
        }
    }

    @Test
    void writeToWritesEachFileWithASidecarNamingItsEventFields() throws Exception {
        // when
        List<Path> written = SampleImages.writeTo(dir.resolve("samples"));

        // then
        assertThat(written).hasSameSizeAs(SampleImages.catalog());
        ObjectMapper json = new ObjectMapper();
        for (SampleImage sample : SampleImages.catalog()) {
            Path file = dir.resolve("samples").resolve(sample.fileName());
            assertThat(written).contains(file);
            assertThat(Files.readAllBytes(file)).isEqualTo(FILES.get(sample));
            JsonNode sidecar = json.readTree(dir.resolve("samples").resolve(sample.sidecarFileName()).toFile());
            assertThat(sidecar.get("modality").asText()).isEqualTo(sample.modality());
            assertThat(sidecar.get("priority").asText()).isEqualTo(sample.priority().name());
            if (sample.bodyPart() == null) {
                assertThat(sidecar.has("bodyPart")).as(sample.name()).isFalse();
            } else {
                assertThat(sidecar.get("bodyPart").asText()).isEqualTo(sample.bodyPart());
            }
        }
        assertThat(dir.resolve("samples/chest-cr-01.png.json")).exists();
    }

    @Test
    void dicomSamplesAreExplicitLittleEndianPart10FilesThatSayTheyAreDeidentified() throws Exception {
        DicomReader reader = new DicomReader(DicomLimits.defaults());
        for (SampleImage sample : samplesIn(ImageFormat.DICOM)) {
            // when
            DicomFile file = reader.read(FILES.get(sample));
            DicomDataset data = file.dataset();

            // then
            assertThat(file.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.1");
            assertThat(data.getString(Tag.Modality)).contains(sample.modality());
            assertThat(data.getInt(Tag.Rows)).hasValue(sample.height());
            assertThat(data.getInt(Tag.Columns)).hasValue(sample.width());
            assertThat(data.getInt(Tag.BitsStored)).hasValue(12);
            assertThat(data.getString(Tag.PatientIdentityRemoved)).contains("YES");
            assertThat(data.contains(Tag.PatientName)).isFalse();
            assertThat(data.contains(Tag.PatientID)).isFalse();
            assertThat(data.contains(Tag.InstitutionName)).isFalse();
            assertThat(data.valueLength(Tag.PixelData)).hasValue(sample.width() * sample.height() * 2);
            assertThat(file.deviations()).isEmpty();
        }
    }

    @Test
    void theDicomCtSampleStoresHounsfieldUnitsThroughItsRescale() throws Exception {
        SampleImage ct = samplesIn(ImageFormat.DICOM).stream()
                .filter(sample -> sample.modality().equals("CT")).findFirst().orElseThrow();

        DicomDataset data = new DicomReader(DicomLimits.defaults()).read(FILES.get(ct)).dataset();

        assertThat(data.getDouble(Tag.RescaleIntercept)).hasValue(-1024.0);
        assertThat(data.getDouble(Tag.RescaleSlope)).hasValue(1.0);
        assertThat(data.getString(Tag.RescaleType)).contains("HU");
    }

    @Test
    void theCatalogMixesFormatsDepthsShapesAndPriorities() {
        List<SampleImage> catalog = SampleImages.catalog();

        assertThat(catalog).extracting(SampleImage::format).contains(ImageFormat.values());
        assertThat(catalog).extracting(SampleImage::pixelType).contains(PixelType.values());
        assertThat(catalog).extracting(SampleImage::priority).contains(Priority.values());
        assertThat(catalog).extracting(SampleImage::bodyPart).containsNull();
        assertThat(catalog).extracting(SampleImage::name).doesNotHaveDuplicates();
        assertThat(catalog).anyMatch(sample -> sample.width() > sample.height())
                .anyMatch(sample -> sample.width() < sample.height())
                .anyMatch(sample -> sample.width() == sample.height());
    }

    private static List<SampleImage> samplesIn(ImageFormat format) {
        List<SampleImage> matching = new ArrayList<>();
        for (SampleImage sample : SampleImages.catalog()) {
            if (sample.format() == format) {
                matching.add(sample);
            }
        }
        assertThat(matching).as("samples in " + format).isNotEmpty();
        return matching;
    }

    private static ImageEvent eventFromSidecar(SampleImage sample) throws Exception {
        JsonNode sidecar = new ObjectMapper().readTree(SampleImages.sidecar(sample));
        Map<String, String> attributes = new HashMap<>();
        sidecar.get("attributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                field.getValue().asText()));
        String uid = "2.25." + Long.toUnsignedString(UUID.randomUUID().getMostSignificantBits());
        return ImageEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid(uid + ".3")
                .setStudyInstanceUid(uid + ".1")
                .setSeriesInstanceUid(uid + ".2")
                .setSource("samples-test")
                .setModality(sidecar.get("modality").asText())
                .setBodyPart(sidecar.has("bodyPart") ? sidecar.get("bodyPart").asText() : null)
                .setPriority(Priority.valueOf(sidecar.get("priority").asText()))
                .setFormat(sample.format())
                .setPayload(new InlineImage(ByteBuffer.wrap(FILES.get(sample))))
                .setDeidentification(new Deidentification(true, "synthetic sample"))
                .setCreatedAt(Instant.now())
                .setAttributes(attributes)
                .build();
    }
}
