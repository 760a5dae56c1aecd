package org.imagingtriage.topology.imaging.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.Sha256;

/**
 * Reads exactly the declared number of bytes, hashing while reading, and proves there is no
 * more by reading one byte past the end: never more than declared + 1 bytes, whatever the
 * stream holds.
 */
final class BoundedDigestReader {

    private BoundedDigestReader() {
    }

    /**
     * @param declaredSize already checked against the resolver's cap, so it is safe to allocate
     * @param expectedSha256 lower-case hex
     */
    static byte[] read(InputStream in, int declaredSize, String expectedSha256) throws ImagingException {
        byte[] bytes = new byte[declaredSize];
        MessageDigest sha256 = Sha256.newDigest();
        int filled = 0;
        try {
            while (filled < declaredSize) {
                int n = in.read(bytes, filled, declaredSize - filled);
                if (n < 0) {
                    throw new ImagingException(ImagingReason.SIZE_MISMATCH,
                            "the reference holds " + filled + " bytes, fewer than the declared " + declaredSize);
                }
                sha256.update(bytes, filled, n);
                filled += n;
            }
            if (in.read() >= 0) {
                throw new ImagingException(ImagingReason.SIZE_MISMATCH,
                        "the reference holds more than the declared " + declaredSize + " bytes");
            }
        } catch (IOException e) {
            throw new ImagingException(ImagingReason.REFERENCE_READ_FAILED,
                    "I/O error after " + filled + " bytes of the reference (" + e.getClass().getSimpleName() + ")");
        }
        byte[] expected = HexFormat.of().parseHex(expectedSha256);
        if (!MessageDigest.isEqual(expected, sha256.digest())) {
            throw new ImagingException(ImagingReason.SHA256_MISMATCH,
                    "the SHA-256 of the " + declaredSize + " referenced bytes differs from the declared sha256");
        }
        return bytes;
    }

}
