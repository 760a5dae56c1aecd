package org.imagingtriage.topology.review.decision;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.imagingtriage.contract.ReviewDecision;

/**
 * Writes decisions to the reviews topic keyed by SOP Instance UID (the topic is compacted: the
 * latest decision per image stays) and waits for the broker's acknowledgement, so the reviewer is
 * told "recorded" only once it is. The producer must be idempotent with acks=all: its own retries
 * then never write a decision twice.
 */
public final class KafkaDecisionWriter implements DecisionWriter {

    private final Producer<String, ReviewDecision> producer;
    private final String topic;
    private final Duration timeout;

    /**
     * @param producer a producer the caller owns and closes
     * @param timeout how long to wait for the acknowledgement; beyond it the outcome is unknown
     */
    public KafkaDecisionWriter(Producer<String, ReviewDecision> producer, String topic, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void write(ReviewDecision decision) {
        try {
            producer.send(new ProducerRecord<>(topic, decision.getSopInstanceUid(), decision))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DecisionNotWrittenException("the reviews topic refused or lost the decision ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        } catch (TimeoutException e) {
            throw new DecisionNotWrittenException("no acknowledgement from the reviews topic within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionNotWrittenException("interrupted while writing the decision", e);
        } catch (KafkaException e) {
            // Serialization (an unreachable registry) or a closed producer: thrown by send itself.
            throw new DecisionNotWrittenException("the decision could not be sent (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
