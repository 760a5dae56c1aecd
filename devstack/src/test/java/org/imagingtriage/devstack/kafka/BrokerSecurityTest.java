package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imagingtriage.devstack.tls.Pkcs12Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSecurityTest {

    private static final String BROKER_PASSWORD = "broker-secret-1";
    private static final String CLIENT_PASSWORD = "client-secret-2";

    @TempDir
    Path directory;

    private BrokerSecurity security;

    @BeforeEach
    void stores() throws Exception {
        Pkcs12Store keyStore = new Pkcs12Store(Files.writeString(directory.resolve("broker.p12"), "k"), "key-store-pw");
        Pkcs12Store trustStore = new Pkcs12Store(Files.writeString(directory.resolve("trust.p12"), "t"), "trust-pw");
        security = BrokerSecurity.saslSsl(keyStore, trustStore, "broker", BROKER_PASSWORD)
                .withUser("pipeline", CLIENT_PASSWORD);
    }

    @Test
    void theBrokerLogsInToItselfWithScramOnTheClientListener() {
        // when
        Map<String, String> props = security.brokerProperties("EXTERNAL");

        // then
        assertThat(props).containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("listener.name.external.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"broker\" password=\"" + BROKER_PASSWORD + "\";")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.location", directory.resolve("broker.p12").toString())
                .containsEntry("ssl.truststore.location", directory.resolve("trust.p12").toString());
    }

    @Test
    void aClientGetsProtocolMechanismLoginAndTrustStore() {
        // when
        Map<String, Object> client = security.clientConfig("pipeline");

        // then
        assertThat(client).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                        "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", BrokerSecurity.jaasConfig("pipeline", CLIENT_PASSWORD))
                .containsEntry("ssl.truststore.password", "trust-pw");
        assertThatThrownBy(() -> security.clientConfig("nobody")).hasMessageContaining("no SCRAM user nobody");
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> security.withUser("bad name", "x")).hasMessageContaining("SCRAM user names");
        assertThatThrownBy(() -> security.withUser("empty", "")).hasMessageContaining("needs a password");
        assertThatThrownBy(() -> security.withUser("quoted", "pa\"ss"))
                .hasMessageContaining("must not contain quotes").hasMessageNotContaining("pa\"ss");
        assertThatThrownBy(() -> new BrokerSecurity(security.keyStore(), security.trustStore(), "nobody",
                security.scramUsers())).hasMessageContaining("brokerUser nobody must be one of the SCRAM users");
        assertThatThrownBy(() -> new Pkcs12Store(directory.resolve("missing.p12"), "x"))
                .hasMessageContaining("is not a readable file");
    }

    @Test
    void textNeverShowsAPassword() {
        // when
        String text = EmbeddedKafkaConfig.defaults().withSecurity(security).toString();

        // then
        assertThat(text).contains("pipeline", "broker", "SASL_SSL")
                .doesNotContain(BROKER_PASSWORD, CLIENT_PASSWORD, "key-store-pw", "trust-pw");
    }
}
