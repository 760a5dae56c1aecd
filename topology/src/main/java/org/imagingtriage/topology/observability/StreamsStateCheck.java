package org.imagingtriage.topology.observability;

import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready only while Kafka Streams is {@link KafkaStreams.State#RUNNING RUNNING}.
 *
 * <p>{@code REBALANCING} is not ready: although Streams counts it as "running or rebalancing",
 * during a rebalance the instance may hold no tasks or be restoring state stores, so it is not
 * processing its share of the events. Readiness only gates traffic and rollouts; liveness stays
 * up, so a rebalance never restarts the process. The reason names the state, which tells a
 * transient state ({@code CREATED}, {@code REBALANCING}) from a terminal one ({@code ERROR},
 * {@code PENDING_ERROR}, {@code PENDING_SHUTDOWN}, {@code NOT_RUNNING}).
 */
public final class StreamsStateCheck implements ReadinessCheck {

    private final String name;
    private final Supplier<KafkaStreams.State> state;

    /** @param state usually {@code kafkaStreams::state} */
    public StreamsStateCheck(Supplier<KafkaStreams.State> state) {
        this("kafka-streams", state);
    }

    /** @param name tells the checks apart when a process runs more than one Streams client */
    public StreamsStateCheck(String name, Supplier<KafkaStreams.State> state) {
        this.name = Objects.requireNonNull(name, "name");
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result check() {
        KafkaStreams.State current = state.get();
        if (current == null) {
            return Result.down("Kafka Streams state unknown");
        }
        if (current == KafkaStreams.State.RUNNING) {
            return Result.up();
        }
        return Result.down("Kafka Streams is " + current.name() + ", not RUNNING");
    }
}
