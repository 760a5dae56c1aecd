package org.imagingtriage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contract must read data written with every committed earlier version of itself
 * (BACKWARD, transitively), and the newest committed version must be the current schema: a
 * change to an .avsc file must come with a new history file, which is what keeps this check honest.
 */
class ContractHistoryTest {

    static Stream<Schema> contracts() {
        return Contracts.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void currentSchemaReadsEveryCommittedVersion(Schema current) throws IOException {
        // given the committed history of this contract
        List<Schema> history = history(current.getName());
        assertThat(history).as("history files for %s", current.getName()).isNotEmpty();

        // when the current schema reads data written with each version
        // then every one is compatible
        for (int i = 0; i < history.size(); i++) {
            assertThat(backwardIncompatibility(current, history.get(i)))
                    .as("%s must read data written with history v%d", current.getName(), i + 1)
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void newestCommittedVersionIsTheCurrentSchema(Schema current) throws IOException {
        // given the newest committed version
        List<Schema> history = history(current.getName());
        Schema newest = history.get(history.size() - 1);

        // then it is the schema the build generated (docs and all), so no change escapes the history
        assertThat(newest.toString(true))
                .as("%s changed: add contract-history/%s/v%d.avsc with the new schema",
                        current.getName(), current.getName(), history.size() + 1)
                .isEqualTo(current.toString(true));
    }

    @Test
    void theCheckRejectsABackwardIncompatibleChange() throws IOException {
        // given ImageEvent with a new required field that has no default
        Schema committed = history("ImageEvent").get(0);
        String json = committed.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"scannerSerial\",\"type\":\"string\",\"doc\":\"x\"},");
        Schema changed = new Schema.Parser().parse(json);

        // when it is checked against the committed version
        String problem = backwardIncompatibility(changed, committed);

        // then the check names the problem
        assertThat(problem).contains("scannerSerial");
    }

    @Test
    void addingAnOptionalFieldWithADefaultIsAccepted() throws IOException {
        Schema committed = history("DeadLetter").get(0);
        String json = committed.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"x\"},");
        Schema changed = new Schema.Parser().parse(json);

        assertThat(backwardIncompatibility(changed, committed)).isNull();
        assertThat(SchemaNormalization.parsingFingerprint64(changed))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(committed));
    }

    /** Null when {@code reader} can read data written with {@code writer}, else why not. */
    private static String backwardIncompatibility(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        return result.getType() == SchemaCompatibilityType.COMPATIBLE ? null : result.getDescription();
    }

    private static List<Schema> history(String contract) throws IOException {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/contract-history/" + contract + "/v" + version + ".avsc";
            try (InputStream in = ContractHistoryTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            }
        }
    }
}
