package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrthancFeedSettingsTest {

    @Test
    void readsTheFeedSectionWithDefaults() {
        // given
        Map<String, String> values = new HashMap<>(Map.of("feed.orthanc.url", "https://pacs.example.org:8042/",
                "feed.orthanc.username", "triage-feed", "feed.orthanc.password", "s3cret"));

        // when
        OrthancFeedSettings settings = OrthancFeedSettings.from(ConfigValues.of(values), Optional.empty());

        // then
        assertThat(settings.url()).hasToString("https://pacs.example.org:8042");
        assertThat(settings.auth().authorization()).isPresent();
        assertThat(settings.stateTopic()).isEqualTo("triage.feed.state");
        assertThat(settings.requestTimeout()).hasSeconds(120);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void theCommandLineUrlWins() {
        OrthancFeedSettings settings = OrthancFeedSettings.from(
                ConfigValues.of(Map.of("feed.orthanc.url", "http://a:8042")), Optional.of("http://b:8042"));

        assertThat(settings.url().getHost()).isEqualTo("b");
    }

    @Test
    void refusesWhatWouldLeakOrCannotWork() {
        assertThatThrownBy(() -> OrthancFeedSettings.from(ConfigValues.of(Map.of()), Optional.empty()))
                .isInstanceOf(TriageConfigException.class).hasMessageContaining("feed.orthanc.url is required");
        assertThatThrownBy(() -> OrthancFeedSettings.from(ConfigValues.of(Map.of("feed.orthanc.url",
                "https://user:pw@pacs:8042")), Optional.empty()))
                .hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> OrthancFeedSettings.from(ConfigValues.of(Map.of("feed.orthanc.url",
                "ftp://pacs")), Optional.empty())).hasMessageContaining("http or https");
        assertThatThrownBy(() -> OrthancFeedSettings.from(ConfigValues.of(Map.of("feed.orthanc.url", "http://pacs",
                "feed.orthanc.password", "x")), Optional.empty())).hasMessageContaining("needs a user name");
        assertThatThrownBy(() -> OrthancFeedSettings.from(ConfigValues.of(Map.of("feed.orthanc.url", "http://pacs",
                "feed.orthanc.tls.ca.file", "/nonexistent/ca.pem")), Optional.empty()))
                .hasMessageContaining("feed.orthanc.tls.ca.file names a file that is missing or unreadable");
    }
}
