package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttributes;

/** Folders of generated images and sidecars for the feed's tests: nothing binary is committed. */
final class FeedFolders {

    static final String SOURCE = "folder:/test";

    private FeedFolders() {
    }

    static byte[] png(int side) {
        return TestImages.png(TestImages.grey8(side, side, (x, y) -> (x * 7 + y * 13) % 256));
    }

    static byte[] jpeg(int side) {
        return TestImages.jpeg(TestImages.grey8(side, side, (x, y) -> (x + y) % 256));
    }

    /** A DICOM Part 10 prefix: 128-byte preamble, DICM, then filler (no header is parsed yet). */
    static byte[] dicom(int size) {
        byte[] bytes = new byte[Math.max(size, 132)];
        bytes[128] = 'D';
        bytes[129] = 'I';
        bytes[130] = 'C';
        bytes[131] = 'M';
        return bytes;
    }

    /** Bytes no signature matches. */
    static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    static Path write(Path directory, String name, byte[] bytes) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path directory, String name, String text) {
        return write(directory, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Avro's binary encoding of the generated class, standing in for the registry-backed serde. */
    static Serializer<ImageEvent> avro() {
        return (topic, event) -> {
            try {
                ByteBuffer buffer = event.toByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static EventDefaults defaults() {
        return new EventDefaults(Optional.empty(), Optional.empty(), Priority.ROUTINE, SOURCE, true,
                Optional.of(EventDefaults.DEFAULT_DEIDENTIFICATION_METHOD));
    }

    static FeedPlanner planner(long inlineMaxBytes) {
        return planner(defaults(), inlineMaxBytes, 1L << 30);
    }

    static FeedPlanner planner(EventDefaults defaults, long inlineMaxBytes, long maxReferenceBytes) {
        return new FeedPlanner(defaults, new PayloadPolicy(inlineMaxBytes, maxReferenceBytes),
                new SidecarReader(IdentifyingAttributes.defaults()));
    }
}
