package org.imagingtriage.topology.imaging.dicom;

import java.util.Optional;

/**
 * Value Representations (PS3.5 6.2): how a value is encoded, how long its length field is in
 * explicit VR, and for text how it is padded and split.
 */
public enum VR {
    AE(false, 0), AS(false, 0), AT(false, 4), CS(false, 0), DA(false, 0), DS(false, 0), DT(false, 0),
    FD(false, 8), FL(false, 4), IS(false, 0), LO(false, 0), LT(false, 0),
    OB(true, 1), OD(true, 8), OF(true, 4), OL(true, 4), OV(true, 8), OW(true, 2),
    PN(false, 0), SH(false, 0), SL(false, 4), SQ(true, 0), SS(false, 2), ST(false, 0), SV(true, 8),
    TM(false, 0), UC(true, 0), UI(false, 0), UL(false, 4), UN(true, 1), UR(true, 0), US(false, 2),
    UT(true, 0), UV(true, 8);

    private static final int LETTERS = 26;
    /** Two upper-case letters index this table, so reading a VR allocates nothing. */
    private static final VR[] BY_CODE = new VR[LETTERS * LETTERS];

    static {
        for (VR vr : values()) {
            String code = vr.name();
            BY_CODE[(code.charAt(0) - 'A') * LETTERS + code.charAt(1) - 'A'] = vr;
        }
    }

    private final boolean longLength;
    private final int valueWidth;

    VR(boolean longLength, int valueWidth) {
        this.longLength = longLength;
        this.valueWidth = valueWidth;
    }

    /** The VR these two bytes spell, if they spell one. */
    public static Optional<VR> forCode(String code) {
        if (code == null || code.length() != 2) {
            return Optional.empty();
        }
        return Optional.ofNullable(ofBytes(code.charAt(0), code.charAt(1)));
    }

    /** The VR two header bytes spell, or null: the parser's path, which must not throw. */
    static VR ofBytes(int first, int second) {
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return null;
        }
        return BY_CODE[(first - 'A') * LETTERS + second - 'A'];
    }

    /**
     * Whether explicit VR encodes this VR's length in 4 bytes after 2 reserved ones (PS3.5
     * 7.1.2): OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV. The others use 2 bytes, so
     * their values are at most 65534 bytes.
     */
    public boolean hasLongLength() {
        return longLength;
    }

    /** Bytes per value of a binary VR (US 2, FD 8, OW 2 ...); 0 for text and SQ. */
    public int valueWidth() {
        return valueWidth;
    }

    /** Character data: the values are strings. */
    public boolean isText() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /**
     * Text whose backslash separates values (PS3.5 6.4). LT, ST, UT and UR hold one value in
     * which a backslash is an ordinary character.
     */
    public boolean isMultiValuedText() {
        return isText() && this != LT && this != ST && this != UT && this != UR;
    }

    /**
     * Text in the data set's Specific Character Set; the others are restricted to the default
     * repertoire (ASCII) whatever the data set declares.
     */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case LO, LT, PN, SH, ST, UC, UT -> true;
            default -> false;
        };
    }

    /**
     * Whether leading spaces are padding rather than content. They are content in the free-text
     * VRs (LT, ST, UT), not allowed in UR, and kept in UC and PN where the standard only calls
     * trailing spaces insignificant; trailing spaces (and a UI's NUL) are padding everywhere.
     */
    public boolean trimsLeadingSpaces() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, SH, TM, UI -> true;
            default -> false;
        };
    }

    /** Whether an explicit VR element of this VR may have undefined length (PS3.5 7.1.1). */
    public boolean allowsUndefinedLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, UN -> true;
            default -> false;
        };
    }
}
