package org.imagingtriage.topology.feed;

import java.io.IOException;

/** A file's size changed between the scan and the read: its event would describe other bytes. */
public final class FileChangedException extends IOException {

    public FileChangedException(long scannedSize, String what) {
        super("the file changed since the folder was scanned (" + scannedSize + " bytes then, " + what + " now)");
    }
}
