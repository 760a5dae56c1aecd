package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared registry speaks the Confluent Schema Registry protocol as the project's serdes expect. */
@ExtendWith(ApicurioRegistryExtension.class)
class ApicurioRegistryProcessIT {

    private static final String STUDY_V1 = "{\"type\":\"record\",\"name\":\"Study\",\"namespace\":\"org.imagingtriage.test\","
            + "\"fields\":[{\"name\":\"studyId\",\"type\":\"string\"}]}";
    // A new field without a default: BACKWARD-incompatible, as old records cannot be read with it.
    private static final String STUDY_REQUIRED_FIELD_ADDED = "{\"type\":\"record\",\"name\":\"Study\","
            + "\"namespace\":\"org.imagingtriage.test\",\"fields\":[{\"name\":\"studyId\",\"type\":\"string\"},"
            + "{\"name\":\"modality\",\"type\":\"string\"}]}";
    // A new field with a default: BACKWARD-compatible.
    private static final String STUDY_OPTIONAL_FIELD_ADDED = "{\"type\":\"record\",\"name\":\"Study\","
            + "\"namespace\":\"org.imagingtriage.test\",\"fields\":[{\"name\":\"studyId\",\"type\":\"string\"},"
            + "{\"name\":\"modality\",\"type\":\"string\",\"default\":\"OT\"}]}";

    private final ApicurioRegistryProcess registry;
    private final CcompatHttp ccompat;
    private String subject;

    ApicurioRegistryProcessIT(ApicurioRegistryProcess registry) {
        this.registry = registry;
        this.ccompat = new CcompatHttp(registry.ccompatUrl());
    }

    @BeforeEach
    void subjectOfThisTest(TestInfo test) {
        // The registry is shared by the whole run: each test writes to a subject of its own.
        subject = test.getTestMethod().orElseThrow().getName() + "-value";
    }

    @Test
    void listensOnLoopbackOnly() {
        // then
        assertThat(registry.isRunning()).isTrue();
        assertThat(registry.ccompatUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(registry.managementUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void registersAnAvroSchemaAndServesItByIdAndByLookup() throws IOException, InterruptedException {
        // given
        String body = CcompatHttp.schemaBody(STUDY_V1);

        // when
        CcompatHttp.Answer registered = ccompat.post("/subjects/" + subject + "/versions", body);

        // then
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.id();
        CcompatHttp.Answer byId = ccompat.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body()).contains("\\\"name\\\":\\\"Study\\\"").contains("studyId");
        CcompatHttp.Answer lookedUp = ccompat.post("/subjects/" + subject, body);
        assertThat(lookedUp.status()).isEqualTo(200);
        assertThat(lookedUp.id()).isEqualTo(id);
        assertThat(lookedUp.body()).contains("\"subject\":\"" + subject + "\"").contains("\"version\":1");
    }

    @Test
    void givesTheSameSchemaTheSameIdInEverySubjectAsConfluentDoes() throws IOException, InterruptedException {
        // given
        int id = ccompat.post("/subjects/" + subject + "/versions", CcompatHttp.schemaBody(STUDY_V1)).id();

        // when
        CcompatHttp.Answer inAnotherSubject =
                ccompat.post("/subjects/" + subject + "-copy/versions", CcompatHttp.schemaBody(STUDY_V1));

        // then
        assertThat(inAnotherSubject.status()).isEqualTo(200);
        assertThat(inAnotherSubject.id()).isEqualTo(id);
    }

    @Test
    void rejectsAnIncompatibleSchemaOnceTheSubjectIsBackwardCompatible() throws IOException, InterruptedException {
        // given
        assertThat(ccompat.post("/subjects/" + subject + "/versions", CcompatHttp.schemaBody(STUDY_V1)).status())
                .isEqualTo(200);
        CcompatHttp.Answer configured = ccompat.put("/config/" + subject, "{\"compatibility\": \"BACKWARD\"}");
        assertThat(configured.status()).isEqualTo(200);
        assertThat(ccompat.get("/config/" + subject).body()).contains("\"compatibilityLevel\":\"BACKWARD\"");

        // when
        CcompatHttp.Answer incompatible = ccompat.post("/subjects/" + subject + "/versions",
                CcompatHttp.schemaBody(STUDY_REQUIRED_FIELD_ADDED));
        CcompatHttp.Answer compatible = ccompat.post("/subjects/" + subject + "/versions",
                CcompatHttp.schemaBody(STUDY_OPTIONAL_FIELD_ADDED));

        // then
        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(incompatible.body()).contains("\"error_code\":409").contains("Incompatible");
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(ccompat.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void checksBackwardCompatibilityByDefaultAsConfluentDoes() throws IOException, InterruptedException {
        // given
        assertThat(ccompat.post("/subjects/" + subject + "/versions", CcompatHttp.schemaBody(STUDY_V1)).status())
                .isEqualTo(200);

        // when
        CcompatHttp.Answer globalConfig = ccompat.get("/config");
        CcompatHttp.Answer incompatible = ccompat.post("/subjects/" + subject + "/versions",
                CcompatHttp.schemaBody(STUDY_REQUIRED_FIELD_ADDED));

        // then
        assertThat(globalConfig.body()).contains("\"compatibilityLevel\":\"BACKWARD\"");
        assertThat(incompatible.status()).isEqualTo(409);
    }

    @Test
    void answersAnUnknownIdWithConfluentsNotFoundCode() throws IOException, InterruptedException {
        // when
        CcompatHttp.Answer unknown = ccompat.get("/schemas/ids/999999");

        // then
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error_code\":40403");
    }
}
