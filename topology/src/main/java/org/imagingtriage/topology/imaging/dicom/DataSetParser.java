package org.imagingtriage.topology.imaging.dicom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Walks one data set, with its nested sequences and items, into a {@link DicomDataset}.
 *
 * <p>Iterative: open sequences and items live on an explicit stack, so nesting depth costs heap
 * bounded by {@link DicomLimits#maxDepth()}, never Java stack, and a hostile file nested ten
 * thousand deep is refused at the cap rather than ending in a StackOverflowError. Every length
 * is checked against the end of its enclosing item of defined length (or of the data) before
 * the parser moves past it, so a lying length is an exception, not a read out of bounds.
 * One parser reads one data set once; it is not thread-safe.
 */
final class DataSetParser {

    private final DicomInput in;
    private final DicomLimits limits;
    private final ElementBudget budget;
    private final Set<Deviation> deviations;
    private final boolean stopAtPixelData;
    private final Deque<Context> open = new ArrayDeque<>();
    private int depth;
    private int pixelDataOffset = -1;
    private DicomDataset result;

    DataSetParser(DicomInput in, DicomLimits limits, ElementBudget budget, Set<Deviation> deviations,
            boolean stopAtPixelData) {
        this.in = in;
        this.limits = limits;
        this.budget = budget;
        this.deviations = deviations;
        this.stopAtPixelData = stopAtPixelData;
    }

    /** Parses from the input's position to its end, or to the top-level pixel data when asked to stop there. */
    DicomDataset parse(Encoding encoding) throws DicomParseException {
        DatasetBuilder root = new DatasetBuilder(in.bytes(), encoding.byteOrder(), CharacterSets.DEFAULT);
        open.push(new ItemContext(root, in.end(), true, encoding, 0));
        while (result == null) {
            if (open.peek() instanceof SequenceContext sequence) {
                readInSequence(sequence);
            } else {
                readInItem((ItemContext) open.peek());
            }
        }
        return result;
    }

    /** Where the top-level pixel data element's header starts, or -1 when there is none (so far). */
    int pixelDataOffset() {
        return pixelDataOffset;
    }

    private void readInItem(ItemContext item) throws DicomParseException {
        boolean root = open.size() == 1;
        if (in.position() == item.end) {
            if (!item.defined) {
                throw in.overrun(item.end, "an item of undefined length in " + Tag.describe(item.sequenceTag)
                        + " has no Item Delimitation Item", in.position());
            }
            finishItem(item);
            return;
        }
        ElementHeader header = item.encoding.readHeader(in, item.end);
        int tag = header.tag();
        if (header.vr() == null) {
            if (tag == Tag.ItemDelimitationItem && !item.defined && !root) {
                finishItem(item);
                return;
            }
            throw in.fail(DicomReason.INVALID_STRUCTURE, Tag.describe(tag) + " where a data element must be"
                    + (root ? "" : " in an item of " + Tag.describe(item.sequenceTag)), header.offset());
        }
        budget.spend(in, header.offset());
        if (root && stopAtPixelData && Tag.isPixelData(tag)) {
            pixelDataOffset = header.offset();
            finishItem(item);
            return;
        }
        if (header.undefinedLength()) {
            openUndefined(item, header);
            return;
        }
        if (header.vr() == VR.SQ) {
            openSequence(item, header, item.encoding);
            return;
        }
        readValue(item, header, root);
    }

    private void readValue(ItemContext item, ElementHeader header, boolean root) throws DicomParseException {
        int tag = header.tag();
        in.requireValue(header.length(), item.end, Tag.describe(tag));
        int length = (int) header.length();
        if (Tag.isPixelData(tag)) {
            if (length > limits.maxPixelDataBytes()) {
                throw in.fail(DicomReason.PIXEL_DATA_TOO_LONG, Tag.describe(tag) + " is " + length
                        + " bytes, more than the " + limits.maxPixelDataBytes() + " allowed", header.offset());
            }
            if (root && pixelDataOffset < 0) {
                pixelDataOffset = header.offset();
            }
        } else if (length > limits.maxElementBytes()) {
            throw in.fail(DicomReason.ELEMENT_TOO_LONG, Tag.describe(tag) + " is " + length + " bytes, more than the "
                    + limits.maxElementBytes() + " allowed", header.offset());
        }
        if ((length & 1) != 0) {
            deviations.add(Deviation.ODD_VALUE_LENGTH);
        }
        item.builder.add(new DicomElement.Value(tag, header.vr(), header.offset(), header.valueOffset(), length));
        in.position(header.valueOffset() + length);
    }

    /**
     * Undefined length means pixel data fragments or a sequence (PS3.5 7.1.1, 7.5): encapsulated
     * for Pixel Data and OB/OW; a sequence for SQ, for UN (whose items are implicit VR little
     * endian, PS3.5 6.2.2) and for anything in implicit VR, where a sequence may be all it can be.
     */
    private void openUndefined(ItemContext item, ElementHeader header) throws DicomParseException {
        VR vr = header.vr();
        boolean implicit = !item.encoding.explicitVr();
        if (header.tag() == Tag.PixelData || (!implicit && (vr == VR.OB || vr == VR.OW))) {
            EncapsulatedPixelData fragments = FragmentReader.read(in, header, item.end, item.encoding, limits);
            if (open.size() == 1 && header.tag() == Tag.PixelData && pixelDataOffset < 0) {
                pixelDataOffset = header.offset();
            }
            item.builder.add(new DicomElement.Fragments(header.tag(), vr, fragments));
        } else if (vr == VR.SQ || implicit) {
            openSequence(item, header, item.encoding);
        } else if (vr == VR.UN) {
            openSequence(item, header, Encoding.IMPLICIT_LITTLE_ENDIAN);
        } else {
            throw in.fail(DicomReason.INVALID_LENGTH, Tag.describe(header.tag()) + " has undefined length, which VR "
                    + vr + " does not allow", header.offset());
        }
    }

    private void openSequence(ItemContext item, ElementHeader header, Encoding itemEncoding)
            throws DicomParseException {
        if (depth == limits.maxDepth()) {
            throw in.fail(DicomReason.SEQUENCE_TOO_DEEP, Tag.describe(header.tag()) + " nests sequences deeper than "
                    + limits.maxDepth(), header.offset());
        }
        int end = item.end;
        if (!header.undefinedLength()) {
            in.requireValue(header.length(), item.end, Tag.describe(header.tag()));
            end = header.valueOffset() + (int) header.length();
        }
        depth++;
        open.push(new SequenceContext(header.tag(), header.vr(), end, !header.undefinedLength(), itemEncoding,
                item.builder));
    }

    private void readInSequence(SequenceContext sequence) throws DicomParseException {
        String name = Tag.describe(sequence.tag);
        if (in.position() == sequence.end) {
            if (!sequence.defined) {
                throw in.overrun(sequence.end, name + " of undefined length has no Sequence Delimitation Item",
                        in.position());
            }
            finishSequence(sequence);
            return;
        }
        ElementHeader header = sequence.encoding.readItemHeader(in, sequence.end, "an item header in " + name);
        if (header.tag() == Tag.SequenceDelimitationItem && !sequence.defined) {
            finishSequence(sequence);
            return;
        }
        if (header.tag() != Tag.Item) {
            throw in.fail(DicomReason.INVALID_STRUCTURE, name + " holds " + Tag.describe(header.tag())
                    + " where an Item must be", header.offset());
        }
        budget.spend(in, header.offset());
        int end = sequence.end;
        if (!header.undefinedLength()) {
            in.requireValue(header.length(), sequence.end, "an item of " + name);
            end = header.valueOffset() + (int) header.length();
        }
        DatasetBuilder builder = new DatasetBuilder(in.bytes(), sequence.encoding.byteOrder(),
                sequence.owner.charset());
        open.push(new ItemContext(builder, end, !header.undefinedLength(), sequence.encoding, sequence.tag));
    }

    private void finishItem(ItemContext item) {
        open.pop();
        DicomDataset dataset = item.builder.build(deviations);
        if (open.isEmpty()) {
            result = dataset;
        } else {
            ((SequenceContext) open.peek()).items.add(dataset);
        }
    }

    private void finishSequence(SequenceContext sequence) {
        open.pop();
        depth--;
        sequence.owner.add(new DicomElement.Sequence(sequence.tag, sequence.vr, sequence.items));
    }

    /** An open item or sequence: its end (its own when defined, else its container's) and encoding. */
    private abstract static sealed class Context permits ItemContext, SequenceContext {
        final int end;
        final boolean defined;
        final Encoding encoding;

        Context(int end, boolean defined, Encoding encoding) {
            this.end = end;
            this.defined = defined;
            this.encoding = encoding;
        }
    }

    private static final class ItemContext extends Context {
        final DatasetBuilder builder;
        /** The sequence holding this item, for messages; 0 for the top-level data set. */
        final int sequenceTag;

        ItemContext(DatasetBuilder builder, int end, boolean defined, Encoding encoding, int sequenceTag) {
            super(end, defined, encoding);
            this.builder = builder;
            this.sequenceTag = sequenceTag;
        }
    }

    private static final class SequenceContext extends Context {
        final int tag;
        final VR vr;
        final DatasetBuilder owner;
        final List<DicomDataset> items = new ArrayList<>();

        SequenceContext(int tag, VR vr, int end, boolean defined, Encoding encoding, DatasetBuilder owner) {
            super(end, defined, encoding);
            this.tag = tag;
            this.vr = vr;
            this.owner = owner;
        }
    }
}
