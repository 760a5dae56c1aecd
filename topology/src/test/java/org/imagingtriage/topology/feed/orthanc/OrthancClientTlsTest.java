package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.imagingtriage.topology.feed.orthanc.OrthancException.Kind;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpClients;
import org.imagingtriage.topology.http.LocalHttpServer;
import org.imagingtriage.topology.http.SelfSignedTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over https, against a server whose certificate a test CA signed. */
class OrthancClientTlsTest {

    @TempDir
    Path directory;

    private SelfSignedTls tls;
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        tls = SelfSignedTls.generate(directory);
        server = LocalHttpServer.https(tls.serverContext()).on("/changes", exchange -> LocalHttpServer.respond(
                exchange, 200, "{\"Changes\": [], \"Done\": true, \"Last\": 3}".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void trustsOrthancThroughTheConfiguredCaBundle() throws Exception {
        // given: the feed's client with the CA file (feed.orthanc.tls.ca.file)
        OrthancClient client = client(Optional.of(tls.caFile()));

        // when / then
        assertThat(client.lastChange()).isEqualTo(3);
    }

    @Test
    void withoutTheCaTheFeedIsRefusedAndStopsInsteadOfRetrying() {
        // given: the JVM's trust store, which does not know the test CA
        OrthancClient client = client(Optional.empty());

        // then: a TLS failure is configuration to fix, not an outage to wait out
        assertThatThrownBy(client::lastChange).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED)).hasMessageContaining("TLS failed");
        assertThat(server.requests("/changes")).isZero();
    }

    private OrthancClient client(Optional<Path> caFile) {
        URI root = URI.create("https://localhost:" + server.port());
        return new OrthancClient(HttpClients.create(Duration.ofSeconds(2), caFile), root, HttpAuth.none(),
                Duration.ofSeconds(5));
    }
}
