package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One parsed data set (the file's, the file meta group, or a sequence item): its elements in
 * ascending tag order and typed getters that decode values on demand.
 *
 * <p>Immutable, and values are views: the data set reads them from the array the reader parsed,
 * which the caller must not modify afterwards. Getters never throw on a value's content: an
 * absent element, a VR that does not hold the asked type, or text that is not a number all give
 * an empty result. {@link #toString()} never shows a value.
 */
public final class DicomDataset {

    private final byte[] bytes;
    private final ByteOrder byteOrder;
    private final Charset charset;
    private final int[] tags;
    private final DicomElement[] elements;

    DicomDataset(byte[] bytes, ByteOrder byteOrder, Charset charset, int[] tags, DicomElement[] elements) {
        this.bytes = bytes;
        this.byteOrder = byteOrder;
        this.charset = charset;
        this.tags = tags;
        this.elements = elements;
    }

    /** Number of elements (sequences count once, whatever their items hold). */
    public int size() {
        return tags.length;
    }

    public boolean isEmpty() {
        return tags.length == 0;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The tags present, ascending as unsigned numbers (DICOM order). */
    public List<Integer> tags() {
        List<Integer> list = new ArrayList<>(tags.length);
        for (int tag : tags) {
            list.add(tag);
        }
        return List.copyOf(list);
    }

    /** The VR as encoded (explicit VR) or as the dictionary gives it (implicit VR). */
    public Optional<VR> vr(int tag) {
        DicomElement element = element(tag);
        return element == null ? Optional.empty() : Optional.of(element.vr());
    }

    /** The charset this data set's text is decoded with: UTF-8 for ISO_IR 192, else ISO-8859-1. */
    public Charset characterSet() {
        return charset;
    }

    /** The first value of a text element; empty when absent, empty-valued or not text. */
    public Optional<String> getString(int tag) {
        List<String> values = getStrings(tag);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a text element, padding removed as its VR says; empty when absent or not text. */
    public List<String> getStrings(int tag) {
        DicomElement.Value value = value(tag);
        return value == null ? List.of()
                : ValueReader.strings(bytes, value.offset(), value.length(), value.vr(), charset);
    }

    /** The first value of US, SS, UL, SL, SV, UV, OW or IS, if it fits an int. */
    public OptionalInt getInt(int tag) {
        int[] values = getInts(tag);
        return values.length == 0 ? OptionalInt.empty() : OptionalInt.of(values[0]);
    }

    /**
     * Every value of US, SS, UL, SL, SV, UV, OW (unsigned words) or IS; empty when absent, of
     * another VR, or when any value is not an integer or does not fit an int.
     */
    public int[] getInts(int tag) {
        long[] values = integers(tag);
        if (values == null) {
            return new int[0];
        }
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                return new int[0];
            }
            ints[i] = (int) values[i];
        }
        return ints;
    }

    /** The first value of DS, FL, FD, OF, OD or any integer VR. */
    public OptionalDouble getDouble(int tag) {
        double[] values = getDoubles(tag);
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(values[0]);
    }

    /** Every value of DS (parsed leniently), FL, FD, OF, OD or any integer VR; empty when any is not a number. */
    public double[] getDoubles(int tag) {
        DicomElement.Value value = value(tag);
        if (value == null) {
            return new double[0];
        }
        double[] values = ValueReader.decimals(bytes, value.offset(), value.length(), value.vr(), byteOrder, charset);
        return values == null ? new double[0] : values;
    }

    /** The items of a sequence; empty when absent, empty or not a sequence. */
    public List<DicomDataset> getSequence(int tag) {
        return element(tag) instanceof DicomElement.Sequence sequence ? sequence.items() : List.of();
    }

    /** A read-only view of a value's bytes, in this data set's byte order; empty for sequences and fragments. */
    public Optional<ByteBuffer> getBytes(int tag) {
        DicomElement.Value value = value(tag);
        return value == null ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(bytes, value.offset(), value.length()).slice().asReadOnlyBuffer()
                        .order(byteOrder));
    }

    /** Value length in bytes of an element of defined length. */
    public OptionalInt valueLength(int tag) {
        DicomElement.Value value = value(tag);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value.length());
    }

    /**
     * This data set's pixel data: FloatPixelData, DoubleFloatPixelData or PixelData, the first in
     * tag order should a malformed file hold more than one (the one a header-only read stops at).
     */
    public Optional<PixelData> pixelData() {
        for (int tag : new int[] {Tag.FloatPixelData, Tag.DoubleFloatPixelData, Tag.PixelData}) {
            DicomElement element = element(tag);
            if (element instanceof DicomElement.Fragments fragments) {
                return Optional.of(fragments.pixelData());
            }
            if (element instanceof DicomElement.Value value) {
                return Optional.of(new NativePixelData(tag, value.vr(), value.headerOffset(), bytes, value.offset(),
                        value.length(), byteOrder));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DicomDataset[" + tags.length + " elements]";
    }

    private long[] integers(int tag) {
        DicomElement.Value value = value(tag);
        return value == null ? null
                : ValueReader.integers(bytes, value.offset(), value.length(), value.vr(), byteOrder, charset);
    }

    private DicomElement.Value value(int tag) {
        return element(tag) instanceof DicomElement.Value value ? value : null;
    }

    private DicomElement element(int tag) {
        int index = indexOf(tag);
        return index < 0 ? null : elements[index];
    }

    /** Binary search in unsigned order: tags above 0x7FFFFFFF (FFFC,FFFC) sort last, as in DICOM. */
    private int indexOf(int tag) {
        int low = 0;
        int high = tags.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Integer.compareUnsigned(tags[middle], tag);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
