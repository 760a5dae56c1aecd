package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the pipeline's topics exist with the settings it needs: creates missing ones when
 * {@code topics.provisioning=create} and the principal may, and checks existing ones (see
 * {@link TopicComparison} for what counts as an error). When the principal may not create topics
 * (Topic- or ClusterAuthorizationException) it falls back to checking and says how to create
 * what is missing.
 *
 * <p>The caller owns the {@link Admin} client. Every Admin call waits at most
 * {@code topics.admin.timeout.ms}; a cluster that does not answer in time, or refuses the
 * principal outright, is a {@link TopicProvisioningException}.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    /** The Admin call times out by itself; this extra wait only covers its reply arriving late. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final TopicSettings topics;
    private final List<TopicSpec> specs;

    public TopicProvisioner(TopicSettings topics, LimitSettings limits) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.specs = TopicSpec.of(topics, Objects.requireNonNull(limits, "limits"));
    }

    public static TopicProvisioner forConfig(TriageConfig config) {
        return new TopicProvisioner(config.topics(), config.limits());
    }

    public List<TopicSpec> specs() {
        return specs;
    }

    /** Creates (if {@code topics.provisioning=create}) and checks; call {@link TopicReport#throwIfErrors()} to fail start-up. */
    public TopicReport provision(Admin admin) {
        return run(admin, topics.provisioning() == ProvisioningMode.CREATE);
    }

    /** Checks only, whatever {@code topics.provisioning} says. */
    public TopicReport check(Admin admin) {
        return run(admin, false);
    }

    private TopicReport run(Admin admin, boolean mayCreate) {
        Objects.requireNonNull(admin, "admin");
        List<TopicFinding> findings = new ArrayList<>();
        Map<String, TopicDescription> existing = new LinkedHashMap<>();
        List<TopicSpec> missing = describe(admin, specs, existing, findings);
        List<String> created = new ArrayList<>();
        if (!missing.isEmpty() && mayCreate) {
            List<TopicSpec> createdMeanwhile = create(admin, missing, created, findings);
            for (TopicSpec spec : describeOnceVisible(admin, createdMeanwhile, existing, findings)) {
                findings.add(TopicFinding.error(spec.name(), "missing", "topic " + spec.name()
                        + " was reported as existing when created and as missing when described; run again"));
            }
        } else if (!missing.isEmpty()) {
            reportMissing(missing, ConfigKeys.TOPICS_PROVISIONING + " is check", findings);
        }
        Map<String, Optional<Config>> configs = describeConfigs(admin, existing.keySet());
        for (TopicSpec spec : specs) {
            TopicDescription description = existing.get(spec.name());
            if (description != null) {
                findings.addAll(TopicComparison.compare(spec,
                        ObservedTopic.of(description, configs.getOrDefault(spec.name(), Optional.empty())),
                        topics.requireMatch()));
            }
        }
        TopicReport report = new TopicReport(created, findings);
        log(report);
        return report;
    }

    /** Fills {@code existing}; returns the specs whose topic does not exist. */
    private List<TopicSpec> describe(Admin admin, List<TopicSpec> wanted, Map<String, TopicDescription> existing,
                                     List<TopicFinding> findings) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        Deadline deadline = new Deadline(topics.adminTimeout());
        Map<String, KafkaFuture<TopicDescription>> results = admin.describeTopics(names(wanted),
                new DescribeTopicsOptions().timeoutMs(timeoutMs())).topicNameValues();
        List<TopicSpec> missing = new ArrayList<>();
        for (TopicSpec spec : wanted) {
            try {
                existing.put(spec.name(), deadline.await(results.get(spec.name()), "describing topic " + spec.name()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(spec);
                } else if (e.getCause() instanceof AuthorizationException) {
                    findings.add(TopicFinding.error(spec.name(), "describe", "topic " + spec.name()
                            + ": the principal may not describe it; grant DESCRIBE and DESCRIBE_CONFIGS on it so the "
                            + "pipeline can check it (it needs READ and WRITE to use it)"));
                } else {
                    throw failure("describing topic " + spec.name(), e.getCause());
                }
            }
        }
        return missing;
    }

    /**
     * {@link #describe} for topics the controller says exist: a broker's metadata can lag the
     * controller for a moment after someone else created them, so they are described again, with
     * a short backoff, until they appear or {@code topics.admin.timeout.ms} has passed.
     */
    private List<TopicSpec> describeOnceVisible(Admin admin, List<TopicSpec> wanted,
                                                Map<String, TopicDescription> existing, List<TopicFinding> findings) {
        long deadline = System.nanoTime() + topics.adminTimeout().toNanos();
        List<TopicSpec> invisible = describe(admin, wanted, existing, findings);
        long backoffMillis = 50;
        while (!invisible.isEmpty() && System.nanoTime() + backoffMillis * 1_000_000L < deadline) {
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoffMillis = Math.min(backoffMillis * 2, 1_000);
            invisible = describe(admin, invisible, existing, findings);
        }
        return invisible;
    }

    /** Creates what is missing; returns the topics someone else created meanwhile, to be checked. */
    private List<TopicSpec> create(Admin admin, List<TopicSpec> missing, List<String> created,
                                   List<TopicFinding> findings) {
        Deadline deadline = new Deadline(topics.adminTimeout());
        Map<String, KafkaFuture<Void>> results = admin.createTopics(
                missing.stream().map(TopicSpec::newTopic).toList(),
                new CreateTopicsOptions().timeoutMs(timeoutMs())).values();
        List<TopicSpec> raced = new ArrayList<>();
        List<TopicSpec> denied = new ArrayList<>();
        for (TopicSpec spec : missing) {
            try {
                deadline.await(results.get(spec.name()), "creating topic " + spec.name());
                created.add(spec.name());
                LOG.info("Created topic {} with {}", spec.name(), spec.settingsSummary());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TopicExistsException) {
                    raced.add(spec);
                } else if (cause instanceof AuthorizationException) {
                    denied.add(spec);
                } else {
                    findings.add(TopicFinding.error(spec.name(), "missing", "topic " + spec.name()
                            + " is missing and could not be created (" + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage() + "); create it with " + spec.settingsSummary()));
                }
            }
        }
        if (!denied.isEmpty()) {
            LOG.warn("The principal may not create topics (Topic- or ClusterAuthorizationException): checking only");
            reportMissing(denied, "the principal may not create topics", findings);
        }
        return raced;
    }

    private static void reportMissing(List<TopicSpec> missing, String why, List<TopicFinding> findings) {
        for (TopicSpec spec : missing) {
            findings.add(TopicFinding.error(spec.name(), "missing", "topic " + spec.name() + " is missing and "
                    + why + ": ask an administrator to create it with " + spec.settingsSummary()
                    + ", e.g. " + spec.createCommand()));
        }
    }

    /** Configs per topic; empty for a topic whose configs the principal may not read. */
    private Map<String, Optional<Config>> describeConfigs(Admin admin, Collection<String> names) {
        Map<String, Optional<Config>> configs = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return configs;
        }
        Deadline deadline = new Deadline(topics.adminTimeout());
        Map<ConfigResource, KafkaFuture<Config>> results = admin.describeConfigs(
                names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList(),
                new DescribeConfigsOptions().timeoutMs(timeoutMs())).values();
        results.forEach((resource, future) -> {
            try {
                configs.put(resource.name(), Optional.of(deadline.await(future, "reading configs of " + resource.name())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthorizationException)) {
                    throw failure("reading configs of topic " + resource.name(), e.getCause());
                }
                configs.put(resource.name(), Optional.empty());
            }
        });
        return configs;
    }

    private int timeoutMs() {
        return Math.toIntExact(topics.adminTimeout().toMillis());
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }

    private static TopicProvisioningException failure(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new TopicProvisioningException(what + ": Kafka did not answer within "
                    + ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS + " (is kafka.bootstrap.servers right and the cluster up?)",
                    cause);
        }
        return new TopicProvisioningException(what + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }

    private static void log(TopicReport report) {
        for (TopicFinding finding : report.findings()) {
            if (finding.isError()) {
                LOG.error("{}", finding.message());
            } else {
                LOG.warn("{}", finding.message());
            }
        }
        LOG.info("Topics checked: {} created, {} errors, {} warnings", report.created().size(),
                report.errors().size(), report.warnings().size());
    }

    /** One Admin call's bounded wait, shared by all the futures the call returned. */
    private static final class Deadline {

        private final long deadlineNanos;
        private final Duration limit;

        Deadline(Duration adminTimeout) {
            this.limit = adminTimeout.plus(GRACE);
            this.deadlineNanos = System.nanoTime() + limit.toNanos();
        }

        <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
            if (future == null) {
                throw new TopicProvisioningException(what + ": the Admin client returned no result");
            }
            try {
                return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new TopicProvisioningException(what + ": no answer within " + limit.toMillis() + " ms ("
                        + ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS + " plus " + GRACE.toMillis() + " ms)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("interrupted while " + what, e);
            }
        }
    }
}
