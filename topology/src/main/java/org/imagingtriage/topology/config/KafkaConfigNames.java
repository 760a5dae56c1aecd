package org.imagingtriage.topology.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What Kafka itself knows about its settings, read from the clients' and Streams' own
 * definitions rather than from a copied list, so a Kafka upgrade updates it.
 */
final class KafkaConfigNames {

    /**
     * Streams passes settings with these prefixes to one kind of client or to its internal
     * topics only. Longest first: {@code main.consumer.} must win over {@code consumer.}.
     */
    static final List<String> STREAMS_PREFIXES = List.of(
            StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX,
            StreamsConfig.TOPIC_PREFIX,
            StreamsConfig.CLIENT_TAG_PREFIX);

    static final Set<String> PRODUCER = Set.copyOf(ProducerConfig.configNames());
    static final Set<String> CONSUMER = Set.copyOf(ConsumerConfig.configNames());
    static final Set<String> ADMIN = Set.copyOf(AdminClientConfig.configNames());
    static final Set<String> STREAMS = Set.copyOf(StreamsConfig.configDef().names());
    static final Set<String> ALL = union(PRODUCER, CONSUMER, ADMIN, STREAMS);

    private static final Set<String> PASSWORDS = passwords();
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas", "token", "credential");

    private KafkaConfigNames() {
    }

    /** The Streams prefix {@code key} starts with, if any. */
    static Optional<String> streamsPrefix(String key) {
        return STREAMS_PREFIXES.stream().filter(key::startsWith).findFirst();
    }

    /** The client setting a possibly Streams-prefixed key sets. */
    static String withoutStreamsPrefix(String key) {
        return streamsPrefix(key).map(prefix -> key.substring(prefix.length())).orElse(key);
    }

    /**
     * Whether any client or Streams defines the key. Internal topic settings ({@code topic.})
     * and client tags ({@code client.tag.}) are open-ended and always count as known.
     */
    static boolean isKnown(String key) {
        Optional<String> prefix = streamsPrefix(key);
        if (prefix.isPresent() && (prefix.get().equals(StreamsConfig.TOPIC_PREFIX)
                || prefix.get().equals(StreamsConfig.CLIENT_TAG_PREFIX))) {
            return true;
        }
        return ALL.contains(withoutStreamsPrefix(key));
    }

    /**
     * Whether the value must never be shown: Kafka's PASSWORD-typed settings, anything whose name
     * suggests a secret, and anything Kafka does not know (a plugin's setting may well be one).
     */
    static boolean isSensitive(String key) {
        String setting = withoutStreamsPrefix(key);
        String lower = setting.toLowerCase(Locale.ROOT);
        return PASSWORDS.contains(setting) || !ALL.contains(setting)
                || SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    private static Set<String> passwords() {
        Set<String> passwords = new HashSet<>();
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef(),
                        StreamsConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> passwords.add(key.name));
        return Set.copyOf(passwords);
    }
}
