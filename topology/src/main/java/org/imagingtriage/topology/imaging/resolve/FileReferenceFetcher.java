package org.imagingtriage.topology.imaging.resolve;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Opens {@code file:///absolute/path} references inside one root directory.
 *
 * <p>The check is done twice on purpose. First lexically, on the normalised path: a {@code ..}
 * escape is refused before the file system is touched, so references cannot probe which files
 * exist outside the root. Then on the real path (every symbolic link followed): a link inside the
 * root pointing out of it is refused too. The file is opened by its real path with
 * {@code NOFOLLOW_LINKS}, so a link swapped in for the file itself after the check is not
 * followed; swapping an intermediate directory in that window remains possible and is a threat
 * only to someone who can already write inside the root.
 */
public final class FileReferenceFetcher implements ReferenceFetcher {

    public static final String SCHEME = "file";

    private final Path configuredRoot;
    private final Path realRoot;

    private FileReferenceFetcher(Path configuredRoot, Path realRoot) {
        this.configuredRoot = configuredRoot;
        this.realRoot = realRoot;
    }

    /** A fetcher for files under {@code root}, which must be an existing directory. */
    public static FileReferenceFetcher rootedAt(Path root) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("file reference root is not a directory: " + root);
        }
        return new FileReferenceFetcher(root.toAbsolutePath().normalize(), real);
    }

    /** The canonical root (every link resolved). */
    public Path root() {
        return realRoot;
    }

    @Override
    public OpenedReference open(URI uri) throws ImagingException {
        Path requested = toPath(uri).normalize();
        // Feeds may name the root as configured (through a link, say /data -> /mnt/vol): accept
        // both spellings here; the real-path check below is the one that decides.
        if (!requested.startsWith(realRoot) && !requested.startsWith(configuredRoot)) {
            throw new ImagingException(ImagingReason.REFERENCE_OUTSIDE_ROOT,
                    "the file reference's path leaves the configured root directory");
        }
        Path real = realPath(requested);
        if (!real.startsWith(realRoot)) {
            throw new ImagingException(ImagingReason.REFERENCE_OUTSIDE_ROOT,
                    "the file reference resolves through a symbolic link to outside the configured root directory");
        }
        return openRegularFile(real);
    }

    private static Path toPath(URI uri) throws ImagingException {
        if (uri.isOpaque() || uri.getRawAuthority() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "a file reference must be file:///absolute/path, without host, query or fragment");
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "the file reference is not a valid path (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Path realPath(Path requested) throws ImagingException {
        try {
            return requested.toRealPath();
        } catch (NoSuchFileException e) {
            throw notFound();
        } catch (AccessDeniedException e) {
            throw accessDenied();
        } catch (FileSystemException e) {
            // ELOOP, ENOTDIR and the like describe the path, not a passing glitch: retrying
            // cannot help, so they are permanent like a missing file.
            throw new ImagingException(ImagingReason.REFERENCE_NOT_FOUND,
                    "the referenced path cannot be resolved to a file (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    private static OpenedReference openRegularFile(Path real) throws ImagingException {
        SeekableByteChannel channel = null;
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new ImagingException(ImagingReason.REFERENCE_NOT_FOUND,
                        "the referenced path is not a regular file");
            }
            channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            // The size of what was opened, not of what was checked a moment earlier.
            long size = channel.size();
            return new OpenedReference(Channels.newInputStream(channel), OptionalLong.of(size));
        } catch (NoSuchFileException e) {
            throw notFound();
        } catch (AccessDeniedException e) {
            throw accessDenied();
        } catch (IOException e) {
            closeQuietly(channel);
            throw readFailed(e);
        }
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with the original error.
            }
        }
    }

    private static ImagingException notFound() {
        return new ImagingException(ImagingReason.REFERENCE_NOT_FOUND, "the referenced file does not exist");
    }

    private static ImagingException accessDenied() {
        return new ImagingException(ImagingReason.REFERENCE_ACCESS_DENIED,
                "the pipeline is not allowed to read the referenced file");
    }

    private static ImagingException readFailed(IOException e) {
        return new ImagingException(ImagingReason.REFERENCE_READ_FAILED,
                "I/O error opening the referenced file (" + e.getClass().getSimpleName() + ")");
    }
}
