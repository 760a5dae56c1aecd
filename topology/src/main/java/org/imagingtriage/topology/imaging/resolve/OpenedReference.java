package org.imagingtriage.topology.imaging.resolve;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The bytes behind a reference, ready to stream, and their size when the source knows it before
 * reading (a file's length, an HTTP Content-Length), so a wrong size is refused without reading.
 */
public record OpenedReference(InputStream stream, OptionalLong knownSize) implements Closeable {

    public OpenedReference {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(knownSize, "knownSize");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
