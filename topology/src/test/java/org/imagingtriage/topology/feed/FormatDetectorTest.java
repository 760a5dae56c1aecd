package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.imagingtriage.contract.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

    @TempDir
    Path directory;

    @Test
    void theSignatureDecidesNotTheExtension() throws IOException {
        // given a PNG named .jpg, a JPEG named .png and a DICOM file named .bin
        Path png = FeedFolders.write(directory, "photo.jpg", FeedFolders.png(8));
        Path jpeg = FeedFolders.write(directory, "scan.png", FeedFolders.jpeg(8));
        Path dicom = FeedFolders.write(directory, "image.bin", FeedFolders.dicom(300));

        // when / then
        assertThat(FormatDetector.detect(png)).contains(ImageFormat.PNG);
        assertThat(FormatDetector.detect(jpeg)).contains(ImageFormat.JPEG);
        assertThat(FormatDetector.detect(dicom)).contains(ImageFormat.DICOM);
    }

    @Test
    void dicmMustFollowThe128BytePreamble() throws IOException {
        // given DICM at the start rather than at byte 128
        Path misplaced = FeedFolders.write(directory, "x.dcm", ("DICM" + "\0".repeat(200)).getBytes());

        // when / then
        assertThat(FormatDetector.detect(misplaced)).isEmpty();
    }

    @Test
    void textEmptyAndTruncatedFilesHaveNoFormat() throws IOException {
        assertThat(FormatDetector.detect(FeedFolders.write(directory, "notes.png", "not an image"))).isEmpty();
        assertThat(FormatDetector.detect(FeedFolders.write(directory, "empty.png", new byte[0]))).isEmpty();
        assertThat(FormatDetector.detect(FeedFolders.write(directory, "short.dcm", new byte[130]))).isEmpty();
    }
}
