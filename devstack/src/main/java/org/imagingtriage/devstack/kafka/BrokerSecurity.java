package org.imagingtriage.devstack.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.imagingtriage.devstack.tls.Pkcs12Store;

/**
 * SASL_SSL with SCRAM-SHA-512 on the embedded broker's client listener, as a production cluster
 * secured that way: TLS from the broker's certificate, SCRAM users whose credentials exist before
 * the broker starts (as {@code kafka-storage format --add-scram} writes them), and the broker's
 * own connections to itself (transaction markers, which exactly_once_v2 needs) authenticating as
 * {@code brokerUser} over the same listener. No authorizer runs: every authenticated user may do
 * everything.
 *
 * @param keyStore   the broker's key and certificate chain; the certificate must name
 *                   {@code localhost}, which clients verify
 * @param trustStore the CA that signed it: the broker's own client trusts it, and so do the
 *                   clients {@link #clientConfig(String)} configures
 * @param brokerUser the user the broker itself and devstack's helpers authenticate as; one of
 *                   {@code scramUsers}
 * @param scramUsers every SCRAM user, name to password
 */
public record BrokerSecurity(Pkcs12Store keyStore, Pkcs12Store trustStore, String brokerUser,
                             Map<String, String> scramUsers) {

    public static final String SECURITY_PROTOCOL = "SASL_SSL";
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public BrokerSecurity {
        Objects.requireNonNull(keyStore, "keyStore must not be null");
        Objects.requireNonNull(trustStore, "trustStore must not be null");
        Objects.requireNonNull(brokerUser, "brokerUser must not be null");
        Objects.requireNonNull(scramUsers, "scramUsers must not be null");
        scramUsers.forEach(BrokerSecurity::requireUsable);
        if (!scramUsers.containsKey(brokerUser)) {
            throw new IllegalArgumentException("brokerUser " + brokerUser + " must be one of the SCRAM users "
                    + new TreeMap<>(scramUsers).keySet());
        }
        scramUsers = Map.copyOf(scramUsers);
    }

    /** Security with the broker's own user alone; add client users with {@link #withUser}. */
    public static BrokerSecurity saslSsl(Pkcs12Store keyStore, Pkcs12Store trustStore, String brokerUser,
                                         String brokerPassword) {
        Map<String, String> users = new HashMap<>();
        users.put(brokerUser, brokerPassword);
        return new BrokerSecurity(keyStore, trustStore, brokerUser, users);
    }

    /** One more SCRAM user (or a new password for an existing one). */
    public BrokerSecurity withUser(String name, String password) {
        Map<String, String> users = new HashMap<>(scramUsers);
        users.put(name, password);
        return new BrokerSecurity(keyStore, trustStore, brokerUser, users);
    }

    /**
     * The {@code sasl.jaas.config} a client (or the broker) logs in with; user and password are
     * quoted as the JAAS syntax requires, which is why they may hold no quote or backslash.
     */
    public static String jaasConfig(String user, String password) {
        return LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /**
     * Everything a Kafka client needs to reach the secured listener as {@code user}: protocol,
     * mechanism, login and the trust store.
     */
    public Map<String, Object> clientConfig(String user) {
        String password = scramUsers.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user " + user + "; users are "
                    + new TreeMap<>(scramUsers).keySet());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, Pkcs12Store.TYPE);
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.file().toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStore.password());
        return config;
    }

    /**
     * Broker properties that make {@code listenerName} a SASL_SSL listener accepting SCRAM-SHA-512,
     * also for the broker's own inter-broker connections. The listener's protocol itself is set in
     * {@code listener.security.protocol.map} by whoever knows every listener.
     */
    Map<String, String> brokerProperties(String listenerName) {
        String listener = "listener.name." + listenerName.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        // The broker's side of SCRAM needs only the module; the user and password are what the
        // broker logs in with when it connects to itself.
        props.put(listener + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + "." + SaslConfigs.SASL_JAAS_CONFIG,
                jaasConfig(brokerUser, scramUsers.get(brokerUser)));
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, Pkcs12Store.TYPE);
        props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keyStore.file().toString());
        props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keyStore.password());
        props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyStore.password());
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, Pkcs12Store.TYPE);
        props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.file().toString());
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStore.password());
        return props;
    }

    /** Never shows a password: configurations end up in logs and test reports. */
    @Override
    public String toString() {
        return "BrokerSecurity[" + SECURITY_PROTOCOL + " " + SCRAM_MECHANISM + ", keyStore=" + keyStore
                + ", trustStore=" + trustStore + ", brokerUser=" + brokerUser
                + ", scramUsers=" + new TreeMap<>(scramUsers).keySet() + "]";
    }

    private static void requireUsable(String name, String password) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SCRAM user names are 1 to 64 letters, digits, '.', '_' or '-'"
                    + " but one was '" + name + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("SCRAM user " + name + " needs a password");
        }
        // Never quote the password itself: the message would carry the secret.
        if (password.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("the password of SCRAM user " + name + " must not contain quotes,"
                    + " backslashes or control characters (it is quoted in a JAAS configuration)");
        }
    }
}
