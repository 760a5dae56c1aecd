package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagingtriage.topology.http.HttpOrigin;
import org.imagingtriage.topology.http.SelfSignedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpReferenceSettingsTest {

    @TempDir
    Path directory;

    @Test
    void theDefaultsAllowNoOrigin() {
        // when
        HttpReferenceSettings http = TestConfigs.load(TestConfigs.minimal()).httpReferences();

        // then
        assertThat(http).isEqualTo(HttpReferenceSettings.defaults());
        assertThat(http.origins()).isEmpty();
        assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void originsCredentialsAndCaBundleAreRead() {
        // given
        SelfSignedTls tls = SelfSignedTls.generate(directory);
        Map<String, String> changes = new HashMap<>();
        changes.put(ConfigKeys.REFERENCES_HTTP_ORIGINS, "https://PACS.internal/dicom-web/, http://orthanc:8042");
        changes.put(ConfigKeys.REFERENCES_HTTP_USERNAME, "reader");
        changes.put(ConfigKeys.REFERENCES_HTTP_PASSWORD, "s3cret");
        changes.put(ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE, tls.caFile().toString());
        changes.put(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, "30000");

        // when
        HttpReferenceSettings http = TestConfigs.load(TestConfigs.with(changes)).httpReferences();

        // then
        assertThat(http.origins()).containsExactly(new HttpOrigin("https", "pacs.internal", 443, "/dicom-web"),
                new HttpOrigin("http", "orthanc", 8042, ""));
        assertThat(http.auth().authorization()).isPresent();
        assertThat(http.toString()).doesNotContain("s3cret");
        assertThat(http.caFile()).contains(tls.caFile());
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCaFileThatIsNotPemIsRefusedAtLoading() throws IOException {
        // given
        Path notPem = Files.writeString(directory.resolve("ca.pem"), "not a certificate");

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(TestConfigs.with(
                Map.of(ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE, notPem.toString()))))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageStartingWith("references.http.tls.ca.file is not a usable PEM CA bundle")
                .satisfies(e -> assertThat(((TriageConfigException) e).keys())
                        .containsExactly(ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE));
    }

    @Test
    void theReferenceTimeoutFollowsTheRetryBudgetTheKafkaSettingsAllow() {
        // given: a 2-minute poll interval leaves 60 s, less the longer of the Triton deadline and the
        // reference timeout for the attempt that may run past the budget: 30 s fits exactly
        Map<String, String> changes = new HashMap<>();
        changes.put("kafka.max.poll.interval.ms", "120000");
        changes.put(ConfigKeys.TRITON_DEADLINE_MS, "20000");
        changes.put(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, "30000");

        // when
        TriageConfig fits = TestConfigs.load(TestConfigs.with(changes));
        changes.put(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, "30001");

        // then
        assertThat(fits.streamThreadRetryBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> TestConfigs.load(TestConfigs.with(changes)))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("references.http.timeout.ms (30001) must not exceed the stream thread's retry "
                        + "budget (30000 ms");
    }

    @Test
    void preprocessReadsTheSameSectionAndChecksItAgainstTheSchemes() {
        // given
        Map<String, String> values = Map.of(ConfigKeys.REFERENCES_HTTP_ORIGINS, "https://pacs.internal");

        // when
        ImagingConfig imaging = TriageConfigLoader.loadImaging(ConfigSources.environment(Map.of())
                .withCommandLine(values));

        // then
        assertThat(imaging.httpReferences().origins()).containsExactly(HttpOrigin.parse("https://pacs.internal"));
        assertThatThrownBy(() -> TriageConfigLoader.loadImaging(ConfigSources.environment(Map.of())
                .withCommandLine(Map.of(ConfigKeys.REFERENCES_HTTP_ORIGINS, "https://pacs.internal",
                        ConfigKeys.LIMITS_REFERENCE_SCHEMES, "http"))))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("does not allow https");
    }

    @Test
    void theRecordRefusesAConnectTimeoutLongerThanTheWhole() {
        // when / then
        assertThatThrownBy(() -> new HttpReferenceSettings(List.of(), HttpReferenceSettings.defaults().auth(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("references.http.connect.timeout.ms (2000) must not exceed references.http.timeout.ms "
                        + "(1000), which covers connecting too");
    }
}
