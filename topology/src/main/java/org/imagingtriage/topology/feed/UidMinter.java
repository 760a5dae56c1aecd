package org.imagingtriage.topology.feed;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mints DICOM UIDs for images that have none (PNG and JPEG files, DICOM files whose UIDs are not
 * read yet): {@code 2.25.} followed by a random UUID as one unsigned decimal integer, the form
 * PS3.5 B.2 defines for UIDs derived from UUIDs. It needs no registered organisation root and
 * cannot collide in practice, and at most 44 characters it stays under the 64-character limit.
 */
public final class UidMinter {

    /** The root PS3.5 B.2 reserves for UUID-derived UIDs. */
    public static final String UUID_ROOT = "2.25.";

    private final Supplier<UUID> uuids;

    public UidMinter(Supplier<UUID> uuids) {
        this.uuids = Objects.requireNonNull(uuids, "uuids");
    }

    /** A minter drawing random (version 4) UUIDs. */
    public static UidMinter random() {
        return new UidMinter(UUID::randomUUID);
    }

    public String mint() {
        return fromUuid(uuids.get());
    }

    /** The UID for {@code uuid}: its 128 bits read as an unsigned integer, in decimal. */
    public static String fromUuid(UUID uuid) {
        byte[] bits = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return UUID_ROOT + new BigInteger(1, bits);
    }
}
