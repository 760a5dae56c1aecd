package org.imagingtriage.topology.imaging.dicom;

/** How many more elements and items one file may hold: shared by the file meta group and the data set. */
final class ElementBudget {

    private final int max;
    private int spent;

    ElementBudget(int max) {
        this.max = max;
    }

    void spend(DicomInput in, int at) throws DicomParseException {
        if (++spent > max) {
            throw in.fail(DicomReason.TOO_MANY_ELEMENTS, "more than " + max + " data elements and items", at);
        }
    }
}
