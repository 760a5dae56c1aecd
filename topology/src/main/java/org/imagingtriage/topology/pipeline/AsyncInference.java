package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * What the async inference step needs beyond the other steps' dependencies.
 *
 * @param dispatcher sends requests and retries them, shared by every task of the instance
 * @param fetcher reads in-flight records again when a task starts with some
 * @param taskLimit records one task may hold from sending to forwarding
 * @param waitBudget the longest a stream thread may wait for capacity before it is replaced
 * @param pastEnd how long pointers have been seen past their partition's end
 */
record AsyncInference(InferenceDispatcher dispatcher, SourceRecordFetcher fetcher, int taskLimit,
                             Duration waitBudget, PastEndWatch pastEnd) {

    AsyncInference {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(waitBudget, "waitBudget");
        Objects.requireNonNull(pastEnd, "pastEnd");
        if (taskLimit < 1) {
            throw new IllegalArgumentException("taskLimit must be at least 1, got " + taskLimit);
        }
    }
}
