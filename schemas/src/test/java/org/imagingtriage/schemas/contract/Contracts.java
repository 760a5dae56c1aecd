package org.imagingtriage.schemas.contract;

import java.util.List;
import org.apache.avro.Schema;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ReviewDecision;

/** The project's top-level contracts, as generated from the .avsc files at build time. */
final class Contracts {

    private Contracts() {
    }

    static List<Schema> all() {
        return List.of(ImageEvent.getClassSchema(), DraftFinding.getClassSchema(),
                DeadLetter.getClassSchema(), ReviewDecision.getClassSchema());
    }
}
