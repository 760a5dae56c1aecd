package org.imagingtriage.devstack.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON file beside a sample that the folder feed ({@code triage feed folder DIR}) reads for
 * the event's fields: {@code modality}, {@code bodyPart} (left out when there is none) and
 * {@code priority}. UIDs are left to the feed, which makes new ones per event; the one attribute
 * marks the event as synthetic all the way to its draft.
 */
final class SampleSidecar {

    /** Immutable and thread-safe, unlike the mapper it comes from. */
    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private SampleSidecar() {
    }

    static byte[] json(SampleImage sample) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("modality", sample.modality());
        if (sample.bodyPart() != null) {
            fields.put("bodyPart", sample.bodyPart());
        }
        fields.put("priority", sample.priority().name());
        fields.put("attributes", Map.of("synthetic", "true"));
        try {
            return (JSON.writeValueAsString(fields) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the sidecar of " + sample.name(), e);
        }
    }
}
