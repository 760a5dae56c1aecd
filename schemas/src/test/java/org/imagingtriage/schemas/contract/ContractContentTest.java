package org.imagingtriage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ReviewDecision;
import org.junit.jupiter.api.Test;

/** The contracts are documented, carry no patient identity, and have the fields DESIGN.md names. */
class ContractContentTest {

    /** Name fragments of identifying attributes: no contract field may be named like one. */
    private static final List<String> IDENTIFYING = List.of("patient", "birth", "name", "address", "phone",
            "telephone", "email", "mrn", "accession", "physician", "institution", "ssn", "insurance");

    /** Fields whose names contain a fragment above but name a model, not a person. */
    private static final Set<String> ALLOWED = Set.of("modelName");

    @Test
    void everyFieldAndNamedTypeIsDocumented() {
        // given every record, enum and field reachable from the contracts
        List<String> undocumented = new ArrayList<>();
        for (Schema contract : Contracts.all()) {
            walk(contract, new HashSet<>(), (owner, field) -> {
                if (field == null && (owner.getDoc() == null || owner.getDoc().isBlank())) {
                    undocumented.add(owner.getFullName());
                } else if (field != null && (field.doc() == null || field.doc().isBlank())) {
                    undocumented.add(owner.getFullName() + "." + field.name());
                }
            });
        }

        // then none lacks a doc
        assertThat(undocumented).isEmpty();
    }

    @Test
    void noFieldIsNamedLikePatientIdentity() {
        List<String> suspicious = new ArrayList<>();
        for (Schema contract : Contracts.all()) {
            walk(contract, new HashSet<>(), (owner, field) -> {
                if (field != null && !ALLOWED.contains(field.name())) {
                    String lower = field.name().toLowerCase(Locale.ROOT);
                    IDENTIFYING.stream().filter(lower::contains)
                            .forEach(f -> suspicious.add(owner.getName() + "." + field.name()));
                }
            });
        }

        assertThat(suspicious).isEmpty();
    }

    @Test
    void contractsHaveTheDesignedFields() {
        assertThat(fieldNames(ImageEvent.getClassSchema())).containsExactly("eventId", "sopInstanceUid",
                "studyInstanceUid", "seriesInstanceUid", "source", "modality", "bodyPart", "priority", "format",
                "payload", "deidentification", "createdAt", "attributes");
        assertThat(fieldNames(DraftFinding.getClassSchema())).containsExactly("eventId", "sopInstanceUid",
                "studyInstanceUid", "modality", "priority", "urgency", "criticalFindings", "draftText",
                "disclaimer", "provenance", "latency");
        assertThat(fieldNames(DraftFinding.getClassSchema().getField("provenance").schema())).containsExactly(
                "modelName", "modelVersion", "promptId", "promptSha256", "inputSha256", "preprocessingVersion",
                "pipelineVersion", "simulated");
        assertThat(fieldNames(DraftFinding.getClassSchema().getField("latency").schema())).containsExactly(
                "feedToPipelineMs", "preprocessMs", "inferenceMs", "endToEndMs", "createdAt", "receivedAt",
                "draftedAt");
        assertThat(fieldNames(DeadLetter.getClassSchema())).containsExactly("eventId", "stage", "reason",
                "detail", "sourceTopic", "sourcePartition", "sourceOffset", "originalKey", "originalValue",
                "attempts", "failedAt");
        assertThat(DeadLetter.getClassSchema().getField("stage").schema().getEnumSymbols()).containsExactly(
                "DESERIALIZE", "VALIDATE", "RESOLVE", "DECODE", "DEIDENTIFICATION", "PREPROCESS", "INFERENCE");
        assertThat(fieldNames(ReviewDecision.getClassSchema())).containsExactly("sopInstanceUid", "eventId",
                "reviewer", "decision", "editedText", "decidedAt", "decisionId");
        assertThat(ImageEvent.getClassSchema().getField("payload").schema().getTypes())
                .extracting(Schema::getName).containsExactly("InlineImage", "ImageRef");
    }

    private static List<String> fieldNames(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).toList();
    }

    private interface Visitor {
        /** Called once per named type with {@code field == null}, then once per field of a record. */
        void visit(Schema owner, Schema.Field field);
    }

    private static void walk(Schema schema, Set<String> seen, Visitor visitor) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                visitor.visit(schema, null);
                for (Schema.Field field : schema.getFields()) {
                    visitor.visit(schema, field);
                    walk(field.schema(), seen, visitor);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    visitor.visit(schema, null);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> walk(t, seen, visitor));
            case ARRAY -> walk(schema.getElementType(), seen, visitor);
            case MAP -> walk(schema.getValueType(), seen, visitor);
            default -> {
            }
        }
    }
}
