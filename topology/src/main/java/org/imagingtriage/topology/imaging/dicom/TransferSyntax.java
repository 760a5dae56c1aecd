package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transfer syntax (PS3.5 section 10, Annex A; UIDs from PS3.6 Annex A): how the data set after
 * the file meta group is encoded (VR explicit or implicit, byte order, deflated) and whether pixel
 * data is encapsulated. Every standard syntax other than the native ones is explicit VR little
 * endian. A UID outside this table is kept as an unknown syntax: {@link #isKnown()} is false and
 * the reader refuses it rather than guess its encoding.
 */
public final class TransferSyntax {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, ByteOrder.LITTLE_ENDIAN);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, ByteOrder.LITTLE_ENDIAN);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, ByteOrder.LITTLE_ENDIAN, true,
            false, true);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, ByteOrder.BIG_ENDIAN);
    public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED =
            encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");
    public static final TransferSyntax JPEG_BASELINE =
            encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static final TransferSyntax JPEG_EXTENDED =
            encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)");
    public static final TransferSyntax JPEG_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static final TransferSyntax JPEG_LOSSLESS_SV1 = encapsulated("1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
    public static final TransferSyntax JPEG_LS_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");
    public static final TransferSyntax JPEG_2000_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
    public static final TransferSyntax JPEG_2000 =
            encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");
    public static final TransferSyntax RLE_LOSSLESS = encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");

    /** Every syntax this class knows, by UID: the ones above and the rarer ones only looked up. */
    private static final Map<String, TransferSyntax> BY_UID = index(List.of(
            IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_BIG_ENDIAN, ENCAPSULATED_UNCOMPRESSED, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS,
            JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_2000,
            RLE_LOSSLESS,
            // Retired, still met in archives: Papyrus 3 is implicit VR little endian under another UID.
            nativeSyntax("1.2.840.10008.1.20", "Papyrus 3 Implicit VR Little Endian", false,
                    ByteOrder.LITTLE_ENDIAN),
            encapsulated("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 and 5)"),
            encapsulated("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8)"),
            encapsulated("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 and 9)"),
            encapsulated("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 and 12)"),
            encapsulated("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 and 13)"),
            encapsulated("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15)"),
            encapsulated("1.2.840.10008.1.2.4.59", "JPEG Extended, Hierarchical (Process 16 and 18)"),
            encapsulated("1.2.840.10008.1.2.4.60", "JPEG Extended, Hierarchical (Process 17 and 19)"),
            encapsulated("1.2.840.10008.1.2.4.61", "JPEG Spectral Selection, Hierarchical (Process 20 and 22)"),
            encapsulated("1.2.840.10008.1.2.4.62", "JPEG Spectral Selection, Hierarchical (Process 21 and 23)"),
            encapsulated("1.2.840.10008.1.2.4.63", "JPEG Full Progression, Hierarchical (Process 24 and 26)"),
            encapsulated("1.2.840.10008.1.2.4.64", "JPEG Full Progression, Hierarchical (Process 25 and 27)"),
            encapsulated("1.2.840.10008.1.2.4.65", "JPEG Lossless, Hierarchical (Process 28)"),
            encapsulated("1.2.840.10008.1.2.4.66", "JPEG Lossless, Hierarchical (Process 29)"),
            encapsulated("1.2.840.10008.1.2.4.92",
                    "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
            encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
            encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
            encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
            encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
            encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"),
            encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1"),
            encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
            encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression"),
            encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL"),
            encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.202",
                    "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
            encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression"),
            // JPIP: the pixel data is referenced by URL, not carried; .95 and .205 deflate the data set.
            nativeSyntax("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, ByteOrder.LITTLE_ENDIAN),
            new TransferSyntax("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, ByteOrder.LITTLE_ENDIAN,
                    true, false, true),
            nativeSyntax("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", true, ByteOrder.LITTLE_ENDIAN),
            new TransferSyntax("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", true,
                    ByteOrder.LITTLE_ENDIAN, true, false, true)));

    private final String uid;
    private final String name;
    private final boolean explicitVr;
    private final ByteOrder byteOrder;
    private final boolean deflated;
    private final boolean encapsulated;
    private final boolean known;

    private TransferSyntax(String uid, String name, boolean explicitVr, ByteOrder byteOrder, boolean deflated,
            boolean encapsulated, boolean known) {
        this.uid = uid;
        this.name = name;
        this.explicitVr = explicitVr;
        this.byteOrder = byteOrder;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.known = known;
    }

    /** The syntax with this UID, or an unknown one that keeps the UID. */
    public static TransferSyntax forUid(String uid) {
        Objects.requireNonNull(uid, "uid");
        TransferSyntax syntax = BY_UID.get(uid);
        if (syntax != null) {
            return syntax;
        }
        return new TransferSyntax(uid, "unknown transfer syntax", true, ByteOrder.LITTLE_ENDIAN, false, false, false);
    }

    /** Every syntax this class knows. */
    public static List<TransferSyntax> known() {
        return List.copyOf(BY_UID.values());
    }

    public String uid() {
        return uid;
    }

    /** The standard's name: fit for messages, unlike a UID taken from a file. */
    public String name() {
        return name;
    }

    public boolean isExplicitVr() {
        return explicitVr;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    public boolean isBigEndian() {
        return byteOrder == ByteOrder.BIG_ENDIAN;
    }

    /** The data set after the file meta group is one raw deflate stream (PS3.5 A.5). */
    public boolean isDeflated() {
        return deflated;
    }

    /** Pixel data is a sequence of fragments (PS3.5 A.4) rather than native samples. */
    public boolean isEncapsulated() {
        return encapsulated;
    }

    /** False for a UID outside the standard's list as this class knows it: its encoding is unknown. */
    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransferSyntax syntax && syntax.uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }

    private static TransferSyntax nativeSyntax(String uid, String name, boolean explicitVr, ByteOrder byteOrder) {
        return new TransferSyntax(uid, name, explicitVr, byteOrder, false, false, true);
    }

    private static TransferSyntax encapsulated(String uid, String name) {
        return new TransferSyntax(uid, name, true, ByteOrder.LITTLE_ENDIAN, false, true, true);
    }

    private static Map<String, TransferSyntax> index(List<TransferSyntax> syntaxes) {
        Map<String, TransferSyntax> byUid = new LinkedHashMap<>();
        for (TransferSyntax syntax : syntaxes) {
            if (byUid.put(syntax.uid, syntax) != null) {
                throw new IllegalStateException("transfer syntax listed twice: " + syntax.uid);
            }
        }
        return Collections.unmodifiableMap(byUid);
    }
}
