package org.imagingtriage.devstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;

/**
 * The demo's inbox: exactly {@code count} image files with their sidecars, cycling through the
 * synthetic sample catalog, so one {@code triage feed folder} publishes exactly that many events.
 */
public final class DemoSamples {

    private DemoSamples() {
    }

    /** Writes the files into {@code directory} (which must exist) and returns their number. */
    public static int writeTo(Path directory, int count) {
        return writeTo(directory, 0, count);
    }

    /**
     * Writes samples {@code first} to {@code first + count - 1} of the cycling catalog, numbered so,
     * into {@code directory} (which must exist): a run fed in several parts names each file once.
     */
    public static int writeTo(Path directory, int first, int count) {
        if (count < 1 || first < 0) {
            throw new IllegalArgumentException("count must be at least 1 and first at least 0, got " + count
                    + " from " + first);
        }
        List<SampleImage> catalog = SampleImages.catalog();
        try {
            for (int i = first; i < first + count; i++) {
                SampleImage sample = catalog.get(i % catalog.size());
                String prefix = String.format(Locale.ROOT, "%03d-", i + 1);
                Files.write(directory.resolve(prefix + sample.fileName()), SampleImages.bytes(sample));
                Files.write(directory.resolve(prefix + sample.sidecarFileName()), SampleImages.sidecar(sample));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's sample images to " + directory, e);
        }
        return count;
    }
}
