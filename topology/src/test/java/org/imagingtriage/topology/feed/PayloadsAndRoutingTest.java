package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.config.TopicSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an image travels (inline or by reference, read with bounded memory) and where its event goes. */
class PayloadsAndRoutingTest {

    @TempDir
    Path directory;

    @Test
    void imagesUpToTheInlineLimitGoInlineLargerByReferenceLargestNotAtAll() {
        // given
        PayloadPolicy policy = new PayloadPolicy(1000, 5000);

        // when / then: both limits inclusive
        assertThat(policy.kindFor(0)).isEqualTo(PayloadKind.INLINE);
        assertThat(policy.kindFor(1000)).isEqualTo(PayloadKind.INLINE);
        assertThat(policy.kindFor(1001)).isEqualTo(PayloadKind.REFERENCE);
        assertThat(policy.kindFor(5000)).isEqualTo(PayloadKind.REFERENCE);
        assertThat(policy.kindFor(5001)).isEqualTo(PayloadKind.TOO_LARGE);
    }

    @Test
    void aZeroInlineLimitSendsEveryNonEmptyImageByReference() {
        assertThat(new PayloadPolicy(0, 5000).kindFor(1)).isEqualTo(PayloadKind.REFERENCE);
    }

    @Test
    void theInlineLimitDefaultsToTheConfigurationAndMayOnlyBeLowered() {
        // given
        LimitSettings limits = LimitSettings.defaults();

        // when / then
        assertThat(PayloadPolicy.forLimits(limits, null).inlineMaxBytes()).isEqualTo(limits.maxInlineImageBytes());
        assertThat(PayloadPolicy.forLimits(limits, 4096L).inlineMaxBytes()).isEqualTo(4096);
        assertThat(PayloadPolicy.forLimits(limits, null).maxReferenceBytes())
                .isEqualTo(limits.maxReferenceImageBytes());
        assertThatThrownBy(() -> PayloadPolicy.forLimits(limits, limits.maxInlineImageBytes() + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limits.max.inline.image.bytes");
    }

    @Test
    void anInlinePayloadIsTheFilesBytes() throws IOException {
        // given
        byte[] png = FeedFolders.png(16);
        FolderImage image = image(FeedFolders.write(directory, "a.png", png), ImageFormat.PNG);

        // when
        InlineImage inline = ImagePayloads.inline(image);

        // then
        assertThat(bytes(inline.getData())).isEqualTo(png);
    }

    @Test
    void aReferenceCarriesTheAbsoluteNormalisedFileUriTheSha256AndTheSize() throws Exception {
        // given a file reached through a path with "." and ".." in it
        byte[] jpeg = FeedFolders.jpeg(64);
        Path file = FeedFolders.write(directory, "sub dir/b.jpg", jpeg);
        Path roundabout = directory.resolve("sub dir/./../sub dir/b.jpg");
        FolderImage image = new FolderImage(roundabout, "sub dir/b.jpg", file.getParent(), ImageFormat.JPEG,
                jpeg.length);

        // when
        ImageRef reference = ImagePayloads.reference(image);

        // then
        URI uri = URI.create(reference.getUri());
        assertThat(uri.getScheme()).isEqualTo("file");
        assertThat(Path.of(uri)).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(reference.getUri()).doesNotContain("..").contains("sub%20dir");
        assertThat(reference.getSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        assertThat(reference.getSizeBytes()).isEqualTo(jpeg.length);
    }

    @Test
    void aFileThatChangedSinceTheScanIsRefused() throws IOException {
        // given an image scanned at one size that has grown since
        Path file = FeedFolders.write(directory, "c.png", FeedFolders.png(16));
        FolderImage scanned = new FolderImage(file, "c.png", directory, ImageFormat.PNG, Files.size(file) - 10);

        // when / then: its event would describe other bytes
        assertThatThrownBy(() -> ImagePayloads.inline(scanned)).isInstanceOf(FileChangedException.class);
        assertThatThrownBy(() -> ImagePayloads.reference(scanned)).isInstanceOf(FileChangedException.class);
    }

    @Test
    void statAndUrgentGoToThePriorityTopicRoutineToTheEventsTopic() {
        // given
        TopicRouter router = TopicRouter.from(TopicSettings.defaults());

        // when / then
        assertThat(router.topicFor(Priority.STAT)).isEqualTo("imaging.events.priority");
        assertThat(router.topicFor(Priority.URGENT)).isEqualTo("imaging.events.priority");
        assertThat(router.topicFor(Priority.ROUTINE)).isEqualTo("imaging.events");
    }

    @Test
    void referencesThePipelineWouldRefuseAreNamed() throws IOException {
        // given a pipeline configured to read files under root/ only
        Path root = Files.createDirectories(directory.resolve("root"));
        Path inside = FeedFolders.write(root, "in.png", FeedFolders.png(8));
        Path outside = FeedFolders.write(directory, "out.png", FeedFolders.png(8));
        LimitSettings fileRoot = new LimitSettings(1024, 1 << 20, 1 << 20, Set.of(ReferenceScheme.FILE),
                Optional.of(root));

        // when
        ReferenceCheck check = ReferenceCheck.forLimits(fileRoot);
        ReferenceCheck noFiles = ReferenceCheck.forLimits(LimitSettings.defaults());

        // then
        assertThat(check.schemeProblem()).isEmpty();
        assertThat(check.problemWith(inside.toUri().toString())).isEmpty();
        assertThat(check.problemWith(outside.toUri().toString())).get().asString()
                .contains("REFERENCE_OUTSIDE_ROOT");
        assertThat(noFiles.schemeProblem()).get().asString()
                .contains("limits.reference.schemes does not allow file", "UNSUPPORTED_SCHEME");
    }

    private static FolderImage image(Path file, ImageFormat format) throws IOException {
        return new FolderImage(file, file.getFileName().toString(), file.getParent(), format, Files.size(file));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
