package org.imagingtriage.topology.pipeline;

import org.apache.kafka.common.header.Headers;

/** A record fetched again from its source topic: key and value exactly as first read. */
record SourceRecord(byte[] key, byte[] value, long timestamp, Headers headers) {
}
