package org.imagingtriage.topology.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOriginTest {

    @Test
    void spellingsOfOneOriginAreOneOrigin() {
        // when
        HttpOrigin upper = HttpOrigin.parse("HTTPS://PACS.Example.org");
        HttpOrigin explicit = HttpOrigin.parse("https://pacs.example.org:443/");

        // then
        assertThat(upper).isEqualTo(explicit).isEqualTo(new HttpOrigin("https", "pacs.example.org", 443, ""));
        assertThat(HttpOrigin.parse("http://orthanc").port()).isEqualTo(80);
        assertThat(upper.toString()).isEqualTo("https://pacs.example.org:443");
    }

    @Test
    void anOriginAdmitsOnlyItsSchemeHostAndPort() {
        // given
        HttpOrigin origin = HttpOrigin.parse("https://pacs.example.org");

        // when / then
        assertThat(origin.admits(URI.create("https://PACS.example.org:443/instances/1/file"))).isTrue();
        assertThat(origin.admits(URI.create("https://pacs.example.org/wado?requestType=WADO"))).isTrue();
        assertThat(origin.admits(URI.create("http://pacs.example.org/instances/1/file"))).isFalse();
        assertThat(origin.admits(URI.create("https://pacs.example.org:8443/instances/1/file"))).isFalse();
        assertThat(origin.admits(URI.create("https://pacs.example.org.evil.test/instances/1/file"))).isFalse();
        assertThat(origin.admits(URI.create("https://evil.test/pacs.example.org"))).isFalse();
    }

    @Test
    void aPathPrefixIsMatchedOnWholeSegments() {
        // given: a trailing slash in the configuration changes nothing
        HttpOrigin origin = HttpOrigin.parse("http://orthanc:8042/dicom-web/");

        // when / then
        assertThat(origin.pathPrefix()).isEqualTo("/dicom-web");
        assertThat(origin.admits(URI.create("http://orthanc:8042/dicom-web/studies/1.2/series/3.4/instances/5.6")))
                .isTrue();
        assertThat(origin.admits(URI.create("http://orthanc:8042/dicom-web"))).isTrue();
        assertThat(origin.admits(URI.create("http://orthanc:8042/dicom-web-admin/x"))).isFalse();
        assertThat(origin.admits(URI.create("http://orthanc:8042/instances/1/file"))).isFalse();
        assertThat(origin.admits(URI.create("http://orthanc:8042"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://s3cret.example", "https://user:s3cret@pacs.example", "pacs.example:443",
            "https://pacs.example/?token=s3cret", "https://pacs.example/#s3cret", "https://pacs.example/a/../s3cret",
            "https://", "https://pacs.example:99999", "s3cret", "https://pa cs/s3cret"})
    void whatIsNotAnOriginIsRefusedWithoutRepeatingIt(String text) {
        // when / then
        assertThatThrownBy(() -> HttpOrigin.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("s3cret").doesNotContain("pacs");
    }

    @Test
    void unsafePathSegmentsAreRecognisedPlainAndEncoded() {
        // when / then
        assertThat(HttpPaths.hasUnsafeSegment("/instances/0a1b/file")).isFalse();
        assertThat(HttpPaths.hasUnsafeSegment("/dicom-web/studies/1.2.840.1/series/1.2")).isFalse();
        assertThat(HttpPaths.hasUnsafeSegment("/a+b/c%20d")).isFalse();
        assertThat(HttpPaths.hasUnsafeSegment("/a/../b")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/a/./b")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/a/%2E%2e/b")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/a/x%2Fy")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/a/x%5cy")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/a/%zz")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/dicom-web/..;/admin")).as("servlet path parameters").isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/dicom-web/.;x=1/admin")).isTrue();
        assertThat(HttpPaths.hasUnsafeSegment("/dicom-web/studies;v=1/x")).isFalse();
    }
}
