package org.imagingtriage.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.pixel.PixelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code triage preprocess} on files in temporary directories, with captured output. */
class PreprocessCommandTest {

    private static final String PHI_VALUE = "DOE^JANE";

    @TempDir
    Path in;

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int triage(String... args) {
        CommandLine commandLine = TriageCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        return commandLine.execute(args);
    }

    @Test
    void pngAndJpegInputsBecome896SquareRgbPngs() throws IOException {
        // given
        Path png = write("chest-01.png", TestImages.png(TestImages.grey8(40, 30, (x, y) -> x * 6)));
        Path jpeg = write("knee.jpg", TestImages.jpeg(TestImages.rgb(64, 48, (x, y) -> x << 16 | y << 8)));

        // when
        int exit = triage("preprocess", "--out", out.toString(), png.toString(), jpeg.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(lines()).containsExactly(
                png + "  ok  -  -  -  40x30",
                jpeg + "  ok  -  -  -  64x48",
                "2 input(s): 2 ok, 0 rejected; outputs in " + out);
        for (String name : List.of("chest-01.png", "knee.png")) {
            BufferedImage written = ImageIO.read(out.resolve(name).toFile());
            assertThat(written.getWidth()).as(name).isEqualTo(896);
            assertThat(written.getHeight()).as(name).isEqualTo(896);
            assertThat(written.getColorModel().getNumColorComponents()).as(name).isEqualTo(3);
        }
        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void aFileThatIsNotAnImageIsRejectedAndTheExitSaysSo() throws IOException {
        // given
        Path text = write("notes.txt", "not an image".getBytes(StandardCharsets.US_ASCII));
        Path png = write("a.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> 0)));

        // when
        int exit = triage("preprocess", "--out", out.toString(), text.toString(), png.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(lines()).contains(text + "  rejected  UNSUPPORTED_FORMAT  -  -  -",
                "2 input(s): 1 ok, 1 rejected; outputs in " + out);
        assertThat(outputs()).containsExactly("a.png");
    }

    @Test
    void aDirectoryIsWalkedRecursivelyAndCollidingNamesAreNumbered() throws IOException {
        // given: two scan.png in different directories, and a scan.png already in --out
        write("scan.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> 10)));
        Files.createDirectories(in.resolve("sub"));
        write("sub/scan.png", TestImages.png(TestImages.grey8(9, 7, (x, y) -> 20)));
        Files.writeString(out.resolve("scan.png"), "an earlier result");

        // when
        int exit = triage("preprocess", "--out", out.toString(), in.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(lines()).hasSize(3).last().asString().startsWith("2 input(s): 2 ok");
        assertThat(outputs()).containsExactly("scan-2.png", "scan-3.png", "scan.png");
        assertThat(Files.readString(out.resolve("scan.png"))).isEqualTo("an earlier result");
    }

    @Test
    void anOversizedFileIsRejectedBeforeDecoding() throws IOException {
        // given
        Path png = write("big.png", TestImages.png(TestImages.grey8(32, 32, (x, y) -> x)));

        // when
        int exit = triage("preprocess", "--max-bytes", "16", "--out", out.toString(), png.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(lines().get(0)).isEqualTo(png + "  rejected  IMAGE_TOO_LARGE  -  -  -");
    }

    @Test
    void anIdentifiedDicomFileIsRefusedByTheGateAndDescribedWithoutPrintingAnyOtherValue() throws IOException {
        // given: a decodable CT whose header still names the patient and the institution
        byte[] dicom = PixelFiles.grey(2, 3, 8, 8)
                .text(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .text(Tag.InstitutionName, "LO", "General Hospital")
                .text(Tag.PatientName, "PN", PHI_VALUE)
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .pixelBytes(new byte[6])
                .file();
        Path file = write("ct-1.dcm", dicom);

        // when
        int exit = triage("preprocess", "--out", out.toString(), file.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(lines().get(0)).isEqualTo(file + "  rejected  PHI_IN_DICOM_HEADER  1.2.840.10008.1.2.1  CT  3x2");
        assertThat(stdout.toString() + stderr).doesNotContain("DOE").doesNotContain("Hospital")
                .doesNotContain("ISO_IR");
    }

    @Test
    void aDeidentifiedDicomFileBecomesAModelInput() throws IOException {
        // given
        byte[] dicom = PixelFiles.grey(2, 3, 8, 8)
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .pixelBytes(new byte[] {0, 20, 40, 60, 80, 100})
                .file();
        Path file = write("ct-2.dcm", dicom);

        // when
        int exit = triage("preprocess", "--out", out.toString(), file.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(lines().get(0)).isEqualTo(file + "  ok  -  1.2.840.10008.1.2.1  CT  3x2");
        BufferedImage written = ImageIO.read(out.resolve("ct-2.png").toFile());
        assertThat(written.getWidth()).isEqualTo(896);
        assertThat(written.getHeight()).isEqualTo(896);
    }

    @Test
    void theConfigurationsGatePolicyAndFramePolicyApply() throws IOException {
        // given: no PatientIdentityRemoved (refused by default); frame 0 dark on the left, frame 1 bright
        byte[] dicom = PixelFiles.grey(2, 2, 8, 8).text(Tag.NumberOfFrames, "IS", "2")
                .pixelBytes(new byte[] {0, (byte) 255, 0, (byte) 255, (byte) 255, 0, (byte) 255, 0})
                .file();
        Path file = write("two-frames.dcm", dicom);
        Path middle = write("middle.properties", "deidentification.identity.removed=ignore\n"
                .getBytes(StandardCharsets.UTF_8));
        Path first = write("first.properties", "deidentification.identity.removed=ignore\nimaging.dicom.frame=first\n"
                .getBytes(StandardCharsets.UTF_8));

        // when
        int byDefault = triage("preprocess", "--out", out.resolve("default").toString(), file.toString());
        int gateIgnored = triage("preprocess", "--config", middle.toString(), "--out", out.resolve("middle").toString(),
                file.toString());
        int firstFrame = triage("preprocess", "--config", first.toString(), "--out", out.resolve("first").toString(),
                file.toString());

        // then
        assertThat(byDefault).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(lines()).contains(file + "  rejected  IDENTITY_NOT_REMOVED  1.2.840.10008.1.2.1  CT  2x2");
        assertThat(gateIgnored).isEqualTo(ExitCodes.OK);
        assertThat(firstFrame).isEqualTo(ExitCodes.OK);
        assertThat(leftBlue(out.resolve("middle").resolve("two-frames.png"))).isEqualTo(255);
        assertThat(leftBlue(out.resolve("first").resolve("two-frames.png"))).isZero();
    }

    /** Blue at the left of the content: CT's 0..80 HU window, so 0 HU is 0 and 255 HU is 255. */
    private static int leftBlue(Path png) throws IOException {
        return ImageIO.read(png.toFile()).getRGB(100, 448) & 0xff;
    }

    @Test
    void aConfigurationWithABadImagingValueIsAUsageErrorNamingTheKey() throws IOException {
        // given
        Path config = write("bad.properties", "imaging.dicom.frame=last\n".getBytes(StandardCharsets.UTF_8));
        Path png = write("a.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> 0)));

        // when
        int exit = triage("preprocess", "--config", config.toString(), "--out", out.toString(), png.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("imaging.dicom.frame");
    }

    @Test
    void allowIdentifiedWarns() throws IOException {
        // given
        Path png = write("a.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> 0)));

        // when
        int exit = triage("preprocess", "--allow-identified", "--out", out.toString(), png.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(stderr.toString()).contains("warning: --allow-identified", "de-identification gate is off");
    }

    @Test
    void helpExplainsTheCommand() {
        // when
        int exit = triage("preprocess", "--help");

        // then
        assertThat(exit).isZero();
        assertThat(stdout.toString()).contains("Usage: triage preprocess", "FILE|DIR", "--out", "--max-bytes",
                "--allow-identified", "896x896", "Exit codes:", "Examples:");
    }

    @Test
    void withoutOutItIsAUsageError() {
        // when
        int exit = triage("preprocess", in.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("--out");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(in.resolve(name), bytes);
    }

    private List<String> lines() {
        return stdout.toString().lines().toList();
    }

    private List<String> outputs() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
