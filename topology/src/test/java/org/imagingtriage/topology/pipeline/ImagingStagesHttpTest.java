package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.HttpReferenceSettings;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpOrigin;
import org.imagingtriage.topology.http.LocalHttpServer;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the configuration's http(s) settings reach the resolver the pipeline and {@code triage preprocess} use. */
class ImagingStagesHttpTest {

    private static final byte[] IMAGE = "an image file".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/instances/1/file";

    private final LocalHttpServer server = LocalHttpServer.http()
            .on(PATH, exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aConfiguredOriginIsFetchedFrom() throws Exception {
        // given
        HttpReferenceSettings http = new HttpReferenceSettings(
                List.of(HttpOrigin.parse("http://127.0.0.1:" + server.port())), HttpAuth.basic("reader", "pw"),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));

        // when
        ImagingStages stages = ImagingStages.from(LimitSettings.defaults(), http, DeidentificationSettings.defaults(),
                ImagingSettings.defaults());

        // then
        assertThat(stages.resolver().schemes()).containsExactly("http", "https");
        assertThat(stages.resolver().resolve(ref(server.uri(PATH).toString()))).isEqualTo(IMAGE);
        assertThat(server.requestHeaders()).singleElement()
                .satisfies(headers -> assertThat(headers.get("Authorization")).hasSize(1));
    }

    @Test
    void allowedSchemesWithoutAnOriginAreRefusedAsNotAllowed() {
        // when
        ImagingStages stages = ImagingStages.from(LimitSettings.defaults());
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> stages.resolver().resolve(ref(server.uri(PATH).toString())));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_ORIGIN_NOT_ALLOWED);
        assertThat(server.requests()).isZero();
    }

    @Test
    void schemesTheLimitsDoNotAllowStayUnsupported() {
        // given: only https allowed
        LimitSettings httpsOnly = new LimitSettings(1024, 1 << 20, 1 << 20, Set.of(ReferenceScheme.HTTPS),
                Optional.empty());

        // when
        ImagingStages stages = ImagingStages.from(httpsOnly, HttpReferenceSettings.defaults(),
                DeidentificationSettings.defaults(), ImagingSettings.defaults());
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> stages.resolver().resolve(ref(server.uri(PATH).toString())));

        // then
        assertThat(stages.resolver().schemes()).containsExactly("https");
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_SCHEME);
        assertThat(server.requests()).isZero();
    }

    private static ImageRef ref(String uri) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(IMAGE));
        return new ImageRef(uri, sha256, (long) IMAGE.length);
    }
}
