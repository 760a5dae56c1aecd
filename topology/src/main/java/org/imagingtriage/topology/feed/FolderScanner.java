package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lists the watched folder as the watch sees it: the candidate images with their stamps and
 * their sidecars' stamps, and the directories to watch. Sidecars ({@code *.json}) are never
 * candidates themselves; empty files are not either (a copy has only just begun), nor are
 * {@linkplain TransientNames hidden or temporary} ones. Files that vanish during the scan are
 * simply not listed.
 */
final class FolderScanner {

    private final Path root;
    private final boolean recursive;

    /** @param root absolute and normalised */
    FolderScanner(Path root, boolean recursive) {
        this.root = Objects.requireNonNull(root, "root");
        this.recursive = recursive;
    }

    /**
     * @param candidates by absolute path, sorted so that files settling together are published in
     *     the one-shot feed's order
     * @param directories the root and, when recursive, every directory below it that is not ignored
     */
    record Scan(SortedMap<Path, WatchedFile> candidates, Set<Path> directories) {
    }

    /** @throws IOException when the watched directory itself cannot be listed */
    Scan scan() throws IOException {
        Map<Path, FileStamp> files = new HashMap<>();
        Set<Path> directories = new HashSet<>();
        // Links are not followed, as in the one-shot feed: a link to a large tree would be walked,
        // and its directories watched, at every scan.
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (!dir.equals(root) && TransientNames.isIgnored(root.relativize(dir))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        directories.add(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile() && !TransientNames.isIgnored(root.relativize(file))) {
                            files.put(file, FileStamp.of(attributes));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw e;
                        }
                        // Gone since it was listed, or unreadable: what is not seen is not published.
                        return FileVisitResult.CONTINUE;
                    }
                });
        SortedMap<Path, WatchedFile> candidates = new TreeMap<>();
        files.forEach((file, stamp) -> {
            if (stamp.sizeBytes() > 0 && !isSidecar(file)) {
                Optional<FileStamp> sidecar = Optional.ofNullable(files.get(FeedPlanner.sidecarPath(file)));
                candidates.put(file, new WatchedFile(stamp, sidecar));
            }
        });
        return new Scan(candidates, directories);
    }

    private static boolean isSidecar(Path file) {
        return file.getFileName().toString().endsWith(FeedPlanner.SIDECAR_SUFFIX);
    }
}
