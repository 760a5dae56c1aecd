package org.imagingtriage.devstack.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft node, broker and controller combined, running inside this JVM. It starts in a
 * couple of seconds and supports transactions, so tests, the demo and benchmarks get a real
 * broker without a container.
 *
 * <p>The node runs the production metadata version and production feature levels, not the
 * test kit's unreleased ones, so what passes here is what a released broker supports. Like
 * the kit itself, it listens on {@code localhost} but binds its sockets to every interface:
 * the kit pre-binds them on the wildcard address and offers no way to change that.
 *
 * <p>With {@link EmbeddedKafkaConfig#withSecurity(BrokerSecurity)} the client listener is
 * SASL_SSL with SCRAM-SHA-512 (the controller's stays PLAINTEXT, inside this JVM), and the
 * client settings it hands out ({@link #adminConfig()}, {@link #producerConfig()},
 * {@link #consumerConfig()}) log in as the broker's own user.
 */
public final class EmbeddedKafkaCluster implements KafkaEndpoint, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final MetadataVersion PRODUCTION_VERSION = MetadataVersion.LATEST_PRODUCTION;
    /** Names where the bootstrap metadata came from, in the controller's log. */
    private static final String BOOTSTRAP_SOURCE = "devstack EmbeddedKafkaCluster";

    private final EmbeddedKafkaConfig config;
    private KafkaClusterTestKit kit;
    private String bootstrapServers;
    private boolean closed;

    public EmbeddedKafkaCluster(EmbeddedKafkaConfig config) {
        this.config = Objects.requireNonNull(config, "config must not be null");
    }

    /** Builds and starts a node with the given configuration. */
    public static EmbeddedKafkaCluster started(EmbeddedKafkaConfig config) {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(config);
        cluster.start();
        return cluster;
    }

    /**
     * Formats the node's storage, starts it and waits until the broker is registered and
     * unfenced, for at most the configured start-up timeout.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka was closed and cannot be started again");
        }
        if (kit != null) {
            throw new IllegalStateException("embedded Kafka is already started at " + bootstrapServers);
        }
        long startedAt = System.nanoTime();
        KafkaClusterTestKit built = build();
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-kafka-starter");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> ready = starter.submit(() -> {
                built.format();
                built.startup();
                built.waitForReadyBrokers();
                finalizeProductionFeatureLevels(adminConfig(built.bootstrapServers()));
                return null;
            });
            ready.get(config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(built);
            throw new IllegalStateException("embedded Kafka was not ready within " + config.startupTimeout(), e);
        } catch (ExecutionException e) {
            closeQuietly(built);
            throw new IllegalStateException("embedded Kafka failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            closeQuietly(built);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded Kafka", e);
        } finally {
            starter.shutdownNow();
        }
        kit = built;
        bootstrapServers = built.bootstrapServers();
        String protocol = config.security().isPresent()
                ? BrokerSecurity.SECURITY_PROTOCOL + " " + BrokerSecurity.SCRAM_MECHANISM : "PLAINTEXT";
        LOG.info("Embedded Kafka ready at {} ({}) after {} ms", bootstrapServers, protocol,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    private KafkaClusterTestKit build() {
        try {
            TestKitNodes nodes = nodesBuilder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            // The kit enables unreleased features and APIs unless told otherwise; a devstack
            // broker must refuse what a production broker refuses.
            builder.setConfigProp("unstable.feature.versions.enable", "false");
            builder.setConfigProp("unstable.api.versions.enable", "false");
            config.security().ifPresent(security -> secureClientListener(builder, nodes, security));
            config.broker().toBrokerProperties().forEach(builder::setConfigProp);
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("could not build the embedded Kafka node: " + e, e);
        }
    }

    /**
     * The production metadata version; with security, the SCRAM users' credentials too. The kit
     * hands this bootstrap metadata to its controller, which writes it to the empty metadata log
     * before the broker starts, so the broker can authenticate to itself from the beginning.
     */
    private TestKitNodes.Builder nodesBuilder() {
        if (config.security().isEmpty()) {
            return new TestKitNodes.Builder().setBootstrapMetadataVersion(PRODUCTION_VERSION);
        }
        List<ApiMessageAndVersion> records = new ArrayList<>(
                BootstrapMetadata.fromVersion(PRODUCTION_VERSION, BOOTSTRAP_SOURCE).records());
        records.addAll(ScramBootstrapRecords.forUsers(config.security().get().scramUsers()));
        return new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, BOOTSTRAP_SOURCE));
    }

    /**
     * Kafka 4.3's kit refuses SASL_SSL in {@code TestKitNodes} ("Currently only support PLAINTEXT /
     * SASL_PLAINTEXT"), so its nodes are declared PLAINTEXT and the listener map, which the kit
     * only fills in when it is unset, turns the client listener into SASL_SSL. Declared PLAINTEXT,
     * the kit also writes no JAAS file and sets no JVM-wide login property.
     */
    private static void secureClientListener(KafkaClusterTestKit.Builder builder, TestKitNodes nodes,
                                             BrokerSecurity security) {
        String clientListener = nodes.brokerListenerName().value();
        builder.setConfigProp("listener.security.protocol.map", clientListener + ":" + BrokerSecurity.SECURITY_PROTOCOL
                + "," + nodes.controllerListenerName().value() + ":" + nodes.controllerListenerProtocol().name);
        security.brokerProperties(clientListener).forEach(builder::setConfigProp);
    }

    /**
     * The kit's {@code setBootstrapMetadataVersion} bootstraps metadata.version alone, so every
     * other feature (transaction.version, group.version, streams.version, ...) would stay at
     * level 0, unlike a production broker formatted with the same metadata version. Finalizing
     * them here, through the same Admin call an operator would use, closes that gap.
     */
    private static void finalizeProductionFeatureLevels(Map<String, Object> adminConfig) throws Exception {
        Map<String, FeatureUpdate> updates = new LinkedHashMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            short level = feature.defaultLevel(PRODUCTION_VERSION);
            // kraft.version follows from the quorum's configuration and is not set through Admin.
            if (feature != Feature.KRAFT_VERSION && level > 0) {
                updates.put(feature.featureName(), new FeatureUpdate(level, FeatureUpdate.UpgradeType.UPGRADE));
            }
        }
        try (Admin admin = Admin.create(adminConfig)) {
            admin.updateFeatures(updates, new UpdateFeaturesOptions()).all().get();
        }
    }

    @Override
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("embedded Kafka is not started");
        }
        return bootstrapServers;
    }

    /** With security, the broker's own SCRAM user and the trust store come along. */
    @Override
    public Map<String, Object> adminConfig() {
        return adminConfig(bootstrapServers());
    }

    private Map<String, Object> adminConfig(String servers) {
        Map<String, Object> admin = new HashMap<>();
        admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.security().ifPresent(security -> admin.putAll(security.clientConfig(security.brokerUser())));
        return admin;
    }

    @Override
    public int messageMaxBytes() {
        return config.broker().messageMaxBytes();
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    /** Stops the node and deletes its storage. Closing twice, or before start, does nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (kit == null) {
            return;
        }
        LOG.info("Stopping embedded Kafka at {}", bootstrapServers);
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " did not stop cleanly", e);
        } finally {
            kit = null;
        }
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        try {
            kit.close();
        } catch (Exception e) {
            LOG.warn("Embedded Kafka that failed to start did not close cleanly", e);
        }
    }
}
