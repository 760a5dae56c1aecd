package org.imagingtriage.topology.config;

import org.apache.kafka.common.KafkaException;

/** The pipeline's topics are missing, unsuitable, or could not be checked. */
public final class TopicProvisioningException extends KafkaException {

    public TopicProvisioningException(String message) {
        super(message);
    }

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
