package org.imagingtriage.tests.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;

/** De-identified sample events: UIDs under a test root, no patient data of any kind. */
final class SampleEvents {

    private SampleEvents() {
    }

    static ImageEvent inline(int n) {
        return base(n).setPayload(new InlineImage(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) n})))
                .build();
    }

    static ImageEvent reference(int n) {
        return base(n).setFormat(ImageFormat.DICOM).setPriority(Priority.STAT)
                .setPayload(new ImageRef("http://127.0.0.1:8042/instances/" + n + "/file",
                        "0".repeat(64), 1_048_576L))
                .build();
    }

    private static ImageEvent.Builder base(int n) {
        return ImageEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid("1.2.826.0.1.3680043.10.1082.1." + n)
                .setStudyInstanceUid("1.2.826.0.1.3680043.10.1082.2")
                .setSeriesInstanceUid("1.2.826.0.1.3680043.10.1082.3")
                .setSource("test-feed")
                .setModality("CR")
                .setBodyPart("CHEST")
                .setPriority(Priority.ROUTINE)
                .setFormat(ImageFormat.PNG)
                .setDeidentification(new Deidentification(true, "DICOM PS3.15 Basic Profile"))
                .setCreatedAt(Instant.ofEpochMilli(1_763_800_000_000L + n))
                .setAttributes(Map.of("transferSyntax", "1.2.840.10008.1.2.1"));
    }
}
