package org.imagingtriage.topology.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The records a task has sent for inference and not yet forwarded, as pointers to where they
 * were read (topic, partition, offset) with the time they were sent; never the image.
 *
 * <p>The store is changelogged, and a pointer is written in the transaction that commits its
 * record's offset and deleted in the one that forwards its draft or dead letter. So after a crash
 * or a rebalance a committed offset whose outcome was not yet written always has a pointer, and
 * the task that takes over sends the record again.
 */
final class InFlightPointers {

    static final String STORE = "inference-in-flight";

    private final KeyValueStore<String, Long> store;

    InFlightPointers(KeyValueStore<String, Long> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Persistent (RocksDB), though the set is small and the changelog alone could restore it: a
     * topology without a persistent store gets a new Streams process id at every start, so its
     * transactional ids change, and after a crash the dead instance's open transaction is never
     * fenced. Its pending offset commits then block the new instance's tasks (Kafka refuses to
     * hand out offsets with a transaction pending on them) until the transaction times out: 10
     * minutes with the pipeline's defaults. With a persistent store Streams keeps the process id
     * in {@code state.dir}, and a restart on the same state directory fences and aborts the dead
     * transaction at once.
     */
    static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
    }

    void put(SourceCoordinates source, long sentAtMillis) {
        store.put(key(source), sentAtMillis);
    }

    void remove(SourceCoordinates source) {
        store.delete(key(source));
    }

    /** Every pointer, in key order. */
    List<SourceCoordinates> all() {
        List<SourceCoordinates> pointers = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                pointers.add(coordinates(all.next().key));
            }
        }
        return pointers;
    }

    /** Topic names cannot contain ':', so the last two separate partition and offset. */
    static String key(SourceCoordinates source) {
        return source.topic() + ':' + source.partition() + ':' + source.offset();
    }

    static SourceCoordinates coordinates(String key) {
        int offsetStart = key.lastIndexOf(':');
        int partitionStart = key.lastIndexOf(':', offsetStart - 1);
        if (partitionStart <= 0) {
            throw new IllegalStateException("not an in-flight pointer: " + key);
        }
        return new SourceCoordinates(key.substring(0, partitionStart),
                Integer.parseInt(key.substring(partitionStart + 1, offsetStart)),
                Long.parseLong(key.substring(offsetStart + 1)));
    }
}
