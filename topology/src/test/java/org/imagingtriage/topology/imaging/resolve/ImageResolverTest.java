package org.imagingtriage.topology.imaging.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageResolverTest {

    private static final byte[] IMAGE = "pretend these are image bytes".getBytes();

    @TempDir
    Path temp;

    private Path root;
    private ImageResolver resolver;

    @BeforeEach
    void rootWithOneImage() throws IOException {
        root = Files.createDirectories(temp.resolve("images"));
        Files.write(root.resolve("a.png"), IMAGE);
        resolver = ImageResolver.withFileRoot(new ResolverLimits(64, 1024), root);
    }

    @Test
    void inlineBytesAreReturnedUnderTheCap() throws Exception {
        // given: a buffer whose position is not 0, as Avro may hand over
        ByteBuffer data = ByteBuffer.allocate(IMAGE.length + 3);
        data.put(new byte[3]).put(IMAGE).flip().position(3);

        // when
        byte[] resolved = resolver.resolve(new InlineImage(data));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
        assertThat(data.position()).isEqualTo(3);
    }

    @Test
    void inlineBytesOverTheCapAreTooLarge() {
        // when
        ImagingException refused = refusal(new InlineImage(ByteBuffer.wrap(new byte[65])));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.IMAGE_TOO_LARGE);
        assertThat(refused.stage()).isEqualTo(Stage.RESOLVE);
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.detail()).isEqualTo("inline image of 65 bytes exceeds the 64-byte cap");
    }

    @Test
    void fileInsideTheRootIsReadAndVerified() throws Exception {
        // when
        byte[] resolved = resolver.resolve(ref(root.resolve("a.png").toUri().toString(), IMAGE.length, sha256(IMAGE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
    }

    @Test
    void dotDotEscapeIsRefusedBeforeTouchingTheFileSystem() throws Exception {
        // given: a file that exists outside the root, reached by '..', plainly and percent-encoded
        Files.write(temp.resolve("secret.png"), IMAGE);
        String plain = root.toUri() + "../secret.png";
        String encoded = root.toUri() + "%2e%2e/secret.png";
        String absent = root.toUri() + "../absent.png";

        // when / then: an absent file outside reads the same as a present one, so nothing leaks
        for (String uri : new String[] {plain, encoded, absent}) {
            ImagingException refused = refusal(ref(uri, IMAGE.length, sha256(IMAGE)));
            assertThat(refused.reason()).as(uri).isEqualTo(ImagingReason.REFERENCE_OUTSIDE_ROOT);
            assertThat(refused.detail()).doesNotContain("secret").doesNotContain(temp.toString());
        }
    }

    @Test
    void symbolicLinkOutOfTheRootIsRefused() throws Exception {
        // given
        Path outside = Files.write(temp.resolve("outside.png"), IMAGE);
        Files.createSymbolicLink(root.resolve("link.png"), outside);
        Path outsideDirectory = Files.createDirectories(temp.resolve("elsewhere"));
        Files.write(outsideDirectory.resolve("b.png"), IMAGE);
        Files.createSymbolicLink(root.resolve("dir"), outsideDirectory);

        // when
        ImagingException throughFileLink = refusal(ref(root.resolve("link.png").toUri().toString(), IMAGE.length,
                sha256(IMAGE)));
        ImagingException throughDirectoryLink = refusal(ref(root.resolve("dir/b.png").toUri().toString(),
                IMAGE.length, sha256(IMAGE)));

        // then
        assertThat(throughFileLink.reason()).isEqualTo(ImagingReason.REFERENCE_OUTSIDE_ROOT);
        assertThat(throughDirectoryLink.reason()).isEqualTo(ImagingReason.REFERENCE_OUTSIDE_ROOT);
        assertThat(throughFileLink.detail()).contains("symbolic link");
    }

    @Test
    void symbolicLinkWithinTheRootIsFollowed() throws Exception {
        // given
        Files.createSymbolicLink(root.resolve("alias.png"), root.resolve("a.png"));

        // when
        byte[] resolved = resolver.resolve(ref(root.resolve("alias.png").toUri().toString(), IMAGE.length,
                sha256(IMAGE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
    }

    @Test
    void rootNamedThroughALinkIsTheSameRoot() throws Exception {
        // given: the operator configures a link to the directory; feeds use either spelling
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("images-link"), root);
        ImageResolver viaLink = ImageResolver.withFileRoot(ResolverLimits.defaults(), linkedRoot);

        // when / then
        assertThat(viaLink.resolve(ref(linkedRoot.resolve("a.png").toUri().toString(), IMAGE.length, sha256(IMAGE))))
                .isEqualTo(IMAGE);
        assertThat(viaLink.resolve(ref(root.resolve("a.png").toUri().toString(), IMAGE.length, sha256(IMAGE))))
                .isEqualTo(IMAGE);
    }

    @Test
    void missingFileIsNotFoundAndPermanent() {
        // when
        ImagingException refused = refusal(ref(root.resolve("gone.png").toUri().toString(), 10, sha256(IMAGE)));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_NOT_FOUND);
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.detail()).doesNotContain("gone.png");
    }

    @Test
    void directoryIsNotARegularFile() throws Exception {
        // given
        Files.createDirectories(root.resolve("sub"));

        // when / then
        assertThat(refusal(ref(root.resolve("sub").toUri().toString(), 10, sha256(IMAGE))).reason())
                .isEqualTo(ImagingReason.REFERENCE_NOT_FOUND);
    }

    @Test
    void fileShorterOrLongerThanDeclaredIsASizeMismatch() {
        // given
        String uri = root.resolve("a.png").toUri().toString();

        // when
        ImagingException shorter = refusal(ref(uri, IMAGE.length + 1, sha256(IMAGE)));
        ImagingException longer = refusal(ref(uri, IMAGE.length - 1, sha256(IMAGE)));

        // then
        assertThat(shorter.reason()).isEqualTo(ImagingReason.SIZE_MISMATCH);
        assertThat(longer.reason()).isEqualTo(ImagingReason.SIZE_MISMATCH);
        assertThat(shorter.detail()).isEqualTo("the reference holds 29 bytes, not the declared 30");
    }

    @Test
    void streamsOfUnknownSizeAreReadAtMostOneBytePastTheDeclaredSize() {
        // given: a fetcher that does not know the size, over an endless stream
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }
        };
        ImageResolver unknownSize = new ImageResolver(ResolverLimits.defaults(),
                Map.of("test", uri -> new OpenedReference(endless, OptionalLong.empty())));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> unknownSize.resolve(ref("test:/endless", 100, sha256(IMAGE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.SIZE_MISMATCH);
        assertThat(refused.detail()).isEqualTo("the reference holds more than the declared 100 bytes");
        assertThat(served.get()).isEqualTo(101);
    }

    @Test
    void streamEndingEarlyIsASizeMismatch() {
        // given
        ImageResolver unknownSize = new ImageResolver(ResolverLimits.defaults(),
                Map.of("test", uri -> new OpenedReference(new ByteArrayInputStream(IMAGE), OptionalLong.empty())));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> unknownSize.resolve(ref("test:/short", 100, sha256(IMAGE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.SIZE_MISMATCH);
        assertThat(refused.detail()).isEqualTo("the reference holds 29 bytes, fewer than the declared 100");
    }

    @Test
    void wrongHashIsASha256Mismatch() {
        // given
        String wrong = sha256("other bytes".getBytes());

        // when
        ImagingException refused = refusal(ref(root.resolve("a.png").toUri().toString(), IMAGE.length, wrong));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.SHA256_MISMATCH);
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.detail()).doesNotContain(wrong).doesNotContain("pretend");
    }

    @Test
    void upperCaseHashIsAccepted() throws Exception {
        // when / then
        assertThat(resolver.resolve(ref(root.resolve("a.png").toUri().toString(), IMAGE.length,
                sha256(IMAGE).toUpperCase()))).isEqualTo(IMAGE);
    }

    @Test
    void unregisteredSchemesAreUnsupportedAndNotEchoed() {
        // when: https is not registered on this resolver
        ImagingException https = refusal(ref("https://pacs.example/wado/1", 10, sha256(IMAGE)));
        ImagingException invented = refusal(ref("janedoe://x", 10, sha256(IMAGE)));

        // then
        assertThat(https.reason()).isEqualTo(ImagingReason.UNSUPPORTED_SCHEME);
        assertThat(https.detail()).contains("limits.reference.schemes").endsWith("[file]").doesNotContain("pacs");
        assertThat(invented.reason()).isEqualTo(ImagingReason.UNSUPPORTED_SCHEME);
        assertThat(invented.detail()).doesNotContain("janedoe");
    }

    @Test
    void fileReferencesNeedARoot() {
        // given
        ImageResolver inlineOnly = ImageResolver.inlineOnly(ResolverLimits.defaults());

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> inlineOnly.resolve(
                ref(root.resolve("a.png").toUri().toString(), IMAGE.length, sha256(IMAGE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_SCHEME);
    }

    @Test
    void pluggedFetcherServesItsScheme() throws Exception {
        // given: a fetcher registered for a scheme, as ImagingStages registers HttpReferenceFetcher
        ImageResolver withHttps = resolver.withFetcher("https",
                uri -> new OpenedReference(new ByteArrayInputStream(IMAGE), OptionalLong.of(IMAGE.length)));

        // when / then
        assertThat(withHttps.resolve(ref("https://pacs.example/wado/1", IMAGE.length, sha256(IMAGE)))).isEqualTo(IMAGE);
        assertThat(withHttps.schemes()).containsExactly("file", "https");
    }

    @Test
    void declaredSizeOverTheCapIsRefusedWithoutOpening() {
        // given
        ImageResolver neverOpens = new ImageResolver(new ResolverLimits(64, 1024), Map.of("test", uri -> {
            throw new AssertionError("must not open");
        }));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> neverOpens.resolve(ref("test:/big", 1025, sha256(IMAGE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.IMAGE_TOO_LARGE);
    }

    @Test
    void malformedReferencesAreInvalid() {
        // when / then
        String uri = root.resolve("a.png").toUri().toString();
        assertThat(refusal(ref(uri, 0, sha256(IMAGE))).reason()).isEqualTo(ImagingReason.INVALID_REFERENCE);
        assertThat(refusal(ref(uri, IMAGE.length, "abc")).reason()).isEqualTo(ImagingReason.INVALID_REFERENCE);
        assertThat(refusal(ref("file:///a b", IMAGE.length, sha256(IMAGE))).reason())
                .isEqualTo(ImagingReason.INVALID_REFERENCE);
        assertThat(refusal(ref("file://host" + root + "/a.png", IMAGE.length, sha256(IMAGE))).reason())
                .isEqualTo(ImagingReason.INVALID_REFERENCE);
        assertThat(refusal(ref(uri + "?q=1", IMAGE.length, sha256(IMAGE))).reason())
                .isEqualTo(ImagingReason.INVALID_REFERENCE);
        assertThat(refusal("not a payload").reason()).isEqualTo(ImagingReason.INVALID_REFERENCE);
    }

    @Test
    void readErrorOnAnOpenedReferenceIsTransient() {
        // given
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk hiccup at /secret/path");
            }
        };
        ImageResolver flaky = new ImageResolver(ResolverLimits.defaults(),
                Map.of("test", uri -> new OpenedReference(failing, OptionalLong.of(10))));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> flaky.resolve(ref("test:/flaky", 10, sha256(IMAGE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.detail()).doesNotContain("secret").contains("IOException");
        assertThat(refused.getCause()).isNull();
    }

    private ImagingException refusal(Object payload) {
        return catchThrowableOfType(ImagingException.class, () -> resolver.resolve(payload));
    }

    private static ImageRef ref(String uri, long size, String sha256) {
        return new ImageRef(uri, sha256, size);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
