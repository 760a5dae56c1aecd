package org.imagingtriage.topology.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttributes;

/**
 * Reads an image's sidecar file: one JSON object with the optional keys {@value #KEYS_TEXT}. Every
 * problem is a {@link SidecarException} naming the file and the key: unknown keys (a misspelt
 * {@code modaility} must not silently fall back to the default), values of the wrong type or
 * syntax, and attribute keys that name identifying DICOM attributes, which the pipeline's
 * de-identification gate would refuse anyway.
 */
public final class SidecarReader {

    /** Sidecars hold a few short values; anything larger is not one, and is not read into memory. */
    public static final long MAX_SIDECAR_BYTES = 64 * 1024;
    public static final List<String> KEYS = List.of("modality", "bodyPart", "priority", "studyInstanceUid",
            "seriesInstanceUid", "sopInstanceUid", "attributes");
    private static final String KEYS_TEXT =
            "modality, bodyPart, priority, studyInstanceUid, seriesInstanceUid, sopInstanceUid, attributes";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final IdentifyingAttributes identifying;

    public SidecarReader(IdentifyingAttributes identifying) {
        this.identifying = Objects.requireNonNull(identifying, "identifying");
    }

    /**
     * @param sidecar the file
     * @param displayName its name for messages, relative to the fed directory
     */
    public SidecarMetadata read(Path sidecar, String displayName) throws SidecarException {
        JsonNode root = parse(sidecar, displayName);
        if (!root.isObject()) {
            throw new SidecarException(displayName, "", "must hold one JSON object, {\"modality\": \"CR\", ...}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new SidecarException(displayName, name, "unknown key; the known keys are " + KEYS_TEXT);
            }
        }
        Field field = new Field(root, displayName);
        return new SidecarMetadata(
                field.codeString("modality", "a DICOM modality code such as CR, DX, CT or MR"),
                field.codeString("bodyPart", "a DICOM body part code such as CHEST"),
                field.priority("priority"),
                field.uid("studyInstanceUid"),
                field.uid("seriesInstanceUid"),
                field.uid("sopInstanceUid"),
                attributes(root.get("attributes"), displayName));
    }

    private JsonNode parse(Path sidecar, String displayName) throws SidecarException {
        try {
            long size = Files.size(sidecar);
            if (size > MAX_SIDECAR_BYTES) {
                throw new SidecarException(displayName, "", "is " + size + " bytes; a sidecar holds at most "
                        + MAX_SIDECAR_BYTES);
            }
            return json.readTree(Files.readAllBytes(sidecar));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the offending text, which may be a value: say where only.
            JsonLocation where = e.getLocation();
            throw new SidecarException(displayName, "", "is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": a syntax error or a key given twice");
        } catch (IOException e) {
            throw new SidecarException(displayName, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Map<String, String> attributes(JsonNode node, String displayName) throws SidecarException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new SidecarException(displayName, "attributes", "must be a JSON object of strings");
        }
        Map<String, String> attributes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().isBlank()) {
                throw new SidecarException(displayName, "attributes", "has an empty key");
            }
            if (!entry.getValue().isTextual()) {
                throw new SidecarException(displayName, "attributes", "every value must be a string");
            }
            // The dictionary's name for it, never the file's spelling: keys are untrusted text too.
            Optional<String> named = identifying.match(entry.getKey()).map(attribute -> attribute.displayName());
            if (named.isPresent()) {
                throw new SidecarException(displayName, "attributes", "names the identifying DICOM attribute "
                        + named.get() + "; events never carry patient identity and the pipeline refuses them");
            }
            attributes.put(entry.getKey(), entry.getValue().textValue());
        }
        return attributes;
    }

    /** Reads one optional string key of the sidecar object, null meaning absent. */
    private record Field(JsonNode root, String displayName) {

        Optional<String> text(String key) throws SidecarException {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                throw new SidecarException(displayName, key, "must be a string");
            }
            return Optional.of(node.textValue());
        }

        Optional<String> codeString(String key, String expected) throws SidecarException {
            Optional<String> value = text(key);
            if (value.isPresent() && !DicomSyntax.isCodeString(value.get())) {
                throw new SidecarException(displayName, key, "must be " + expected
                        + " (upper case letters, digits, underscores; 16 at most)");
            }
            return value;
        }

        Optional<String> uid(String key) throws SidecarException {
            Optional<String> value = text(key);
            if (value.isPresent() && !DicomSyntax.isUid(value.get())) {
                throw new SidecarException(displayName, key, "must be a DICOM UID: digits in dot-separated "
                        + "components without leading zeros, " + DicomSyntax.MAX_UID_LENGTH + " characters at most");
            }
            return value;
        }

        Optional<Priority> priority(String key) throws SidecarException {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Priority.valueOf(value.get().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SidecarException(displayName, key, "must be STAT, URGENT or ROUTINE");
            }
        }
    }
}
