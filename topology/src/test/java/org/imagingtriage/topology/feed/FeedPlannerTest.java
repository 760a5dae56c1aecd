package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPlannerTest {

    @TempDir
    Path directory;

    @Test
    void plansImagesBySignatureAndSkipsTheRestWithAReason() throws Exception {
        // given
        FeedFolders.write(directory, "b-chest.png", FeedFolders.png(32));
        FeedFolders.write(directory, "a-knee.jpeg", FeedFolders.jpeg(32));
        FeedFolders.write(directory, "c-head.dcm", FeedFolders.dicom(400));
        FeedFolders.write(directory, "c-head.dcm.json", "{\"modality\": \"CT\", \"bodyPart\": \"HEAD\"}");
        FeedFolders.write(directory, "readme.txt", "exported 2024-05-01");
        FeedFolders.write(directory, ".DS_Store", FeedFolders.noise(10));

        // when
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);

        // then: sorted by name, sidecars consumed, hidden files ignored
        assertThat(plan.images()).extracting(planned -> planned.image().displayName())
                .containsExactly("a-knee.jpeg", "b-chest.png", "c-head.dcm");
        assertThat(plan.images()).extracting(planned -> planned.image().format())
                .containsExactly(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.DICOM);
        assertThat(plan.images().get(2).metadata().modality()).isEqualTo("CT");
        assertThat(plan.images().get(2).metadata().bodyPart()).contains("HEAD");
        assertThat(plan.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.displayName()).isEqualTo("readme.txt");
            assertThat(skipped.reason()).isEqualTo(SkipReason.UNKNOWN_FORMAT);
        });
    }

    @Test
    void sidecarValuesWinOverTheRunsDefaults() throws Exception {
        // given defaults CR/CHEST/URGENT and a sidecar saying DX/STAT for one image
        FeedFolders.write(directory, "one.png", FeedFolders.png(8));
        FeedFolders.write(directory, "two.png", FeedFolders.png(8));
        FeedFolders.write(directory, "two.png.json", "{\"modality\": \"DX\", \"priority\": \"STAT\"}");
        EventDefaults defaults = new EventDefaults(Optional.of("CR"), Optional.of("CHEST"), Priority.URGENT,
                FeedFolders.SOURCE, true, Optional.empty());

        // when
        FeedPlan plan = FeedFolders.planner(defaults, 1 << 20, 1 << 30).plan(directory, false);

        // then
        ImageMetadata one = plan.images().get(0).metadata();
        ImageMetadata two = plan.images().get(1).metadata();
        assertThat(one.modality()).isEqualTo("CR");
        assertThat(one.priority()).isEqualTo(Priority.URGENT);
        assertThat(two.modality()).isEqualTo("DX");
        assertThat(two.bodyPart()).contains("CHEST");
        assertThat(two.priority()).isEqualTo(Priority.STAT);
    }

    @Test
    void pngAndJpegWithoutModalityAreOtherButDicomMustHaveOne() throws Exception {
        // given
        FeedFolders.write(directory, "photo.png", FeedFolders.png(8));
        FeedFolders.write(directory, "scan.dcm", FeedFolders.dicom(300));

        // when / then: the DICOM file stops the run, naming what to do
        assertThatThrownBy(() -> FeedFolders.planner(1 << 20).plan(directory, false))
                .isInstanceOf(FeedPlanException.class)
                .satisfies(e -> assertThat(((FeedPlanException) e).problems()).singleElement().asString()
                        .startsWith("scan.dcm: a DICOM file needs a modality")
                        .contains("scan.dcm.json", "--modality"));

        // and the PNG alone goes as OT
        FeedFolders.write(directory, "scan.dcm.json", "{\"modality\": \"MR\"}");
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        assertThat(plan.images()).extracting(planned -> planned.metadata().modality()).containsExactly("OT", "MR");
    }

    @Test
    void everySidecarProblemIsReportedBeforeAnythingIsSent() {
        // given two broken sidecars
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "a.png.json", "{\"prioirty\": \"STAT\"}");
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedFolders.write(directory, "b.png.json", "{\"priority\": \"NOW\"}");

        // when / then
        assertThatThrownBy(() -> FeedFolders.planner(1 << 20).plan(directory, false))
                .isInstanceOf(FeedPlanException.class)
                .satisfies(e -> assertThat(((FeedPlanException) e).problems()).containsExactly(
                        "a.png.json: key prioirty: unknown key; the known keys are modality, bodyPart, priority, "
                                + "studyInstanceUid, seriesInstanceUid, sopInstanceUid, attributes",
                        "b.png.json: key priority: must be STAT, URGENT or ROUTINE"));
    }

    @Test
    void aSopInstanceUidGivenTwiceIsAProblem() {
        // given
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "a.png.json", "{\"sopInstanceUid\": \"1.2.3.4\"}");
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedFolders.write(directory, "b.png.json", "{\"sopInstanceUid\": \"1.2.3.4\"}");

        // when / then
        assertThatThrownBy(() -> FeedFolders.planner(1 << 20).plan(directory, false))
                .isInstanceOf(FeedPlanException.class)
                .hasMessageContaining("b.png.json: key sopInstanceUid: the same SOP Instance UID as a.png");
    }

    @Test
    void anOrphanSidecarIsSkippedWithAHint() throws Exception {
        // given a sidecar named after the image without its extension
        FeedFolders.write(directory, "chest.png", FeedFolders.png(8));
        FeedFolders.write(directory, "chest.json", "{\"modality\": \"CR\"}");

        // when
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);

        // then
        assertThat(plan.images()).singleElement()
                .satisfies(planned -> assertThat(planned.metadata().modality()).isEqualTo("OT"));
        assertThat(plan.skipped()).singleElement().satisfies(skipped -> assertThat(skipped.describe())
                .contains("chest.json", "no image named chest beside it", "chest.png.json"));
    }

    @Test
    void recursiveDescendsIntoSubdirectoriesOnlyWhenAsked() throws Exception {
        // given
        FeedFolders.write(directory, "top.png", FeedFolders.png(8));
        FeedFolders.write(directory, "series-2/deep.png", FeedFolders.png(8));
        FeedFolders.write(directory, ".cache/hidden.png", FeedFolders.png(8));

        // when
        FeedPlan flat = FeedFolders.planner(1 << 20).plan(directory, false);
        FeedPlan deep = FeedFolders.planner(1 << 20).plan(directory, true);

        // then
        assertThat(flat.images()).extracting(planned -> planned.image().displayName()).containsExactly("top.png");
        assertThat(deep.images()).extracting(planned -> planned.image().displayName())
                .containsExactly("series-2/deep.png", "top.png");
    }

    @Test
    void inlineOrReferenceByTheFilesSizeAndTooLargeIsSkipped() throws Exception {
        // given
        byte[] small = FeedFolders.png(4);
        byte[] medium = FeedFolders.png(64);
        byte[] large = FeedFolders.dicom(100_000);
        FeedFolders.write(directory, "small.png", small);
        FeedFolders.write(directory, "medium.png", medium);
        FeedFolders.write(directory, "large.dcm", large);
        EventDefaults ct = new EventDefaults(Optional.of("CT"), Optional.empty(), Priority.ROUTINE,
                FeedFolders.SOURCE, true, Optional.empty());

        // when: inline up to the small PNG's size, references up to the medium one's
        FeedPlan plan = FeedFolders.planner(ct, small.length, medium.length).plan(directory, false);

        // then
        assertThat(plan.images()).extracting(planned -> planned.image().displayName() + "=" + planned.payloadKind())
                .containsExactly("medium.png=REFERENCE", "small.png=INLINE");
        assertThat(plan.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).isEqualTo(SkipReason.TOO_LARGE);
            assertThat(skipped.describe()).contains("large.dcm", "100000 bytes");
        });
    }
}
