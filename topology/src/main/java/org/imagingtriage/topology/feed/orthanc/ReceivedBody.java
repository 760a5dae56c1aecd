package org.imagingtriage.topology.feed.orthanc;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer body as {@link BodyDigest} received it: its size and SHA-256 always, its bytes only
 * when it was small enough to keep.
 */
record ReceivedBody(long size, byte[] sha256, Optional<byte[]> bytes) {

    ReceivedBody {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(bytes, "bytes");
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }
}
