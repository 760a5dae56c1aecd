package org.imagingtriage.tests.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.tests.SyntheticDrafts;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.review.decision.DecisionRequest;
import org.imagingtriage.topology.review.decision.DecisionResult.Outcome;
import org.imagingtriage.topology.review.decision.KafkaReviewDesk;
import org.imagingtriage.topology.review.worklist.WorklistItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reviewers' back end on a real in-JVM broker and Apicurio: the worklist is filled from the
 * drafts and reviews topics, a decision is written once per action, and a restarted desk reads
 * the decisions back, so a retry that arrives after a restart still writes nothing.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class ReviewDeskIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;
    private TriageClientConfig client;
    private String draftsTopic;
    private String reviewsTopic;

    ReviewDeskIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeEach
    void topics() {
        draftsTopic = TopicNames.unique("review-drafts");
        reviewsTopic = TopicNames.unique("review-decisions");
        kafka.createTopic(draftsTopic, 3);
        kafka.createTopic(reviewsTopic, 3);
        client = TriageConfigLoader.clientFromProperties(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "registry.url", registry.ccompatUrl(),
                "topics.drafts.name", draftsTopic,
                "topics.reviews.name", reviewsTopic), Map.of());
    }

    @Test
    void aDecisionIsWrittenOnceAndARestartedDeskKnowsIt() throws Exception {
        // given two drafts on the topic before the desk starts
        DraftFinding urgent = SyntheticDrafts.draft("5.1", Urgency.URGENT, Priority.STAT);
        DraftFinding routine = SyntheticDrafts.draft("5.2", Urgency.ROUTINE, Priority.ROUTINE);
        publish(urgent, routine);
        UUID action = UUID.randomUUID();

        try (KafkaReviewDesk desk = KafkaReviewDesk.start(client, 100, "review-desk-it")) {
            desk.feed().caughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(desk.worklist().snapshot()).extracting(WorklistItem::sopInstanceUid)
                    .containsExactly("5.1", "5.2");

            // when the reviewer accepts the urgent one, and the browser retries it
            assertThat(desk.desk().decide(accept(action, urgent)).outcome()).isEqualTo(Outcome.RECORDED);
            assertThat(desk.desk().decide(accept(action, urgent)).outcome()).isEqualTo(Outcome.ALREADY_RECORDED);

            // and a draft published now joins the open worklist
            publish(SyntheticDrafts.draft("5.3", Urgency.UNCERTAIN, Priority.URGENT));
            awaitItem(desk, "5.3");
            assertThat(desk.feed().awaitReviewsRead(WAIT)).isTrue();
        }

        // then the topic holds the one decision
        List<ReviewDecision> decisions = readDecisions(1);
        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.getDecisionId()).isEqualTo(action);
            assertThat(decision.getEventId()).isEqualTo(urgent.getEventId());
            assertThat(decision.getReviewer()).isEqualTo("dr-lee");
        });

        // when the desk restarts and the same action is retried, or another one made on that draft
        try (KafkaReviewDesk restarted = KafkaReviewDesk.start(client, 100, "review-desk-it-restarted")) {
            restarted.feed().caughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(restarted.worklist().item("5.1").orElseThrow().decision()).isPresent();

            // then neither writes
            assertThat(restarted.desk().decide(accept(action, urgent)).outcome()).isEqualTo(Outcome.ALREADY_RECORDED);
            assertThat(restarted.desk().decide(accept(UUID.randomUUID(), urgent)).outcome())
                    .isEqualTo(Outcome.ALREADY_DECIDED);
        }
        assertThat(readDecisions(1)).hasSize(1);
    }

    private static DecisionRequest accept(UUID action, DraftFinding draft) {
        return new DecisionRequest(action, draft.getSopInstanceUid(), draft.getEventId(), Decision.ACCEPT,
                Optional.empty(), "dr-lee");
    }

    private void publish(DraftFinding... drafts) throws Exception {
        SpecificAvroSerde<DraftFinding> serde = new SpecificAvroSerde<>(DraftFinding.class);
        serde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        try (KafkaProducer<String, DraftFinding> producer = new KafkaProducer<>(kafka.producerConfig(),
                new StringSerializer(), serde.serializer())) {
            for (DraftFinding draft : drafts) {
                producer.send(new ProducerRecord<>(draftsTopic, draft.getSopInstanceUid(), draft)).get();
            }
        }
    }

    private static void awaitItem(KafkaReviewDesk desk, String sop) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (desk.worklist().item(sop).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(desk.worklist().item(sop)).as("draft %s on the worklist", sop).isPresent();
    }

    /** Every decision on the reviews topic, once at least {@code expected} have arrived and a further poll found none. */
    private List<ReviewDecision> readDecisions(int expected) {
        SpecificAvroSerde<ReviewDecision> serde = new SpecificAvroSerde<>(ReviewDecision.class);
        serde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "review-desk-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ReviewDecision> decisions = new ArrayList<>();
        try (KafkaConsumer<String, ReviewDecision> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of(reviewsTopic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (decisions.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> decisions.add(record.value()));
            }
            for (ConsumerRecord<String, ReviewDecision> extra : consumer.poll(Duration.ofSeconds(2))) {
                decisions.add(extra.value());
            }
        }
        return decisions;
    }
}
