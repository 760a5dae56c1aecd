package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.imagingtriage.contract.ImageFormat;

/**
 * Scans a folder and decides what the feed will publish, before anything is sent. Files are
 * recognised by their signatures; {@code <image file name>.json} beside an image is its sidecar.
 * Hidden files and directories (names starting with a dot) are ignored: they are the file
 * system's and tools' own ({@code .DS_Store}, {@code .git}), never exported images.
 *
 * <p>Problems with files (no image signature, too large, unreadable) skip the file and are
 * reported. Problems with what the operator wrote (a sidecar, a DICOM file without a modality,
 * a SOP Instance UID given twice) fail the whole plan: the operator fixes them and runs again,
 * and no half of the folder has been sent meanwhile.
 */
public final class FeedPlanner {

    static final String SIDECAR_SUFFIX = ".json";

    private final EventDefaults defaults;
    private final PayloadPolicy payloads;
    private final SidecarReader sidecars;

    public FeedPlanner(EventDefaults defaults, PayloadPolicy payloads, SidecarReader sidecars) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.sidecars = Objects.requireNonNull(sidecars, "sidecars");
    }

    /**
     * @param directory an existing directory
     * @param recursive whether to descend into subdirectories
     * @throws IOException when the directory itself cannot be listed
     * @throws FeedPlanException when metadata is wrong; nothing may be sent then
     */
    public FeedPlan plan(Path directory, boolean recursive) throws IOException, FeedPlanException {
        Path root = directory.toAbsolutePath().normalize();
        List<Path> files = list(root, recursive);
        Set<Path> present = new HashSet<>(files);
        List<PlannedImage> images = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        SopInstanceUids sopUids = new SopInstanceUids();
        for (Path file : files) {
            if (isSidecarOfAnotherFile(file, present)) {
                continue;
            }
            FileDecision decision = decide(root, file, present.contains(sidecarPath(file)));
            if (decision instanceof FileDecision.Publish publish) {
                sopUids.claim(publish.image()).ifPresent(problems::add);
                images.add(publish.image());
            } else if (decision instanceof FileDecision.Skip skip) {
                skipped.add(skip.file());
            } else if (decision instanceof FileDecision.Refuse refuse) {
                problems.add(refuse.problem());
            }
        }
        if (!problems.isEmpty()) {
            throw new FeedPlanException(problems);
        }
        return new FeedPlan(root, images, skipped);
    }

    /**
     * Decides about one file on its own, as the watch needs when files arrive one by one. The
     * uniqueness of sidecars' SOP Instance UIDs spans files, so the caller checks it.
     *
     * @param root the fed directory, absolute and normalised
     * @param file a regular file below it
     * @param hasSidecar whether {@code <file name>.json} exists beside it
     */
    public FileDecision decide(Path root, Path file, boolean hasSidecar) {
        String name = root.relativize(file).toString();
        Optional<FolderImage> image;
        try {
            image = recognise(file, name);
        } catch (IOException e) {
            return new FileDecision.Skip(new SkippedFile(name, SkipReason.UNREADABLE, e.getClass().getSimpleName()));
        }
        if (image.isEmpty()) {
            return new FileDecision.Skip(unknownFormat(name));
        }
        PayloadKind kind = payloads.kindFor(image.get().sizeBytes());
        if (kind == PayloadKind.TOO_LARGE) {
            return new FileDecision.Skip(new SkippedFile(name, SkipReason.TOO_LARGE, image.get().sizeBytes()
                    + " bytes, at most " + payloads.maxReferenceBytes()));
        }
        try {
            SidecarMetadata sidecar = hasSidecar
                    ? sidecars.read(sidecarPath(file), name + SIDECAR_SUFFIX)
                    : SidecarMetadata.none();
            Optional<ImageMetadata> metadata = ImageMetadata.resolve(sidecar, defaults, image.get().format());
            if (metadata.isEmpty()) {
                return new FileDecision.Refuse(name, name + ": a DICOM file needs a modality until DICOM headers "
                        + "are read: give \"modality\" in its sidecar " + name + SIDECAR_SUFFIX
                        + " or for the whole run (--modality)");
            }
            return new FileDecision.Publish(new PlannedImage(image.get(), metadata.get(), kind));
        } catch (SidecarException e) {
            return new FileDecision.Refuse(name, e.getMessage());
        }
    }

    /** {@code <image file name>.json} beside the image. */
    static Path sidecarPath(Path image) {
        return image.resolveSibling(image.getFileName() + SIDECAR_SUFFIX);
    }

    private static List<Path> list(Path root, boolean recursive) throws IOException {
        try (Stream<Path> paths = recursive ? Files.walk(root) : Files.list(root)) {
            return paths.filter(path -> !path.equals(root))
                    .filter(path -> !isHidden(root.relativize(path)))
                    .filter(Files::isRegularFile)
                    // Sorted, so runs over the same folder publish in the same order.
                    .sorted(Comparator.comparing(path -> root.relativize(path).toString()))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSidecarOfAnotherFile(Path file, Set<Path> present) {
        String name = file.getFileName().toString();
        return name.endsWith(SIDECAR_SUFFIX)
                && present.contains(file.resolveSibling(name.substring(0, name.length() - SIDECAR_SUFFIX.length())));
    }

    /** The image, or empty when the file has no image signature. */
    private static Optional<FolderImage> recognise(Path file, String name) throws IOException {
        Optional<ImageFormat> format = FormatDetector.detect(file);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FolderImage(file, name, file.getParent(), format.get(), Files.size(file)));
    }

    private static SkippedFile unknownFormat(String name) {
        boolean orphanSidecar = name.toLowerCase(Locale.ROOT).endsWith(SIDECAR_SUFFIX);
        return new SkippedFile(name, SkipReason.UNKNOWN_FORMAT, orphanSidecar
                ? "no image named " + name.substring(0, name.length() - SIDECAR_SUFFIX.length())
                + " beside it; a sidecar is named after the whole image file name, e.g. chest.png.json"
                : "");
    }
}
