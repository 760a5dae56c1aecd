package org.imagingtriage.topology.imaging.dicom;

/**
 * One element or item header as read: tag, VR (null for items and delimiters), value length as
 * the unsigned 32-bit number in the file, where the header starts and where its value starts.
 */
record ElementHeader(int tag, VR vr, long length, int offset, int valueOffset) {

    boolean undefinedLength() {
        return length == Encoding.UNDEFINED_LENGTH;
    }
}
