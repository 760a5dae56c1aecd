package org.imagingtriage.devstack.kafka;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.server.common.ApiMessageAndVersion;

/**
 * SCRAM-SHA-512 credentials as KRaft metadata records, for the cluster's bootstrap metadata. A
 * broker whose inter-broker listener uses SCRAM cannot start without them (it authenticates to
 * itself), and Admin's {@code alterUserScramCredentials} needs a running broker, so they are
 * written before the first start, as {@code kafka-storage format --add-scram} does: salt, stored
 * key and server key from Kafka's own {@link ScramFormatter} (an internal class: the format of the
 * record is Kafka's, and so should the arithmetic be), never the password.
 */
final class ScramBootstrapRecords {

    /** Kafka's own default for SCRAM credentials, and SCRAM-SHA-512's minimum. */
    static final int ITERATIONS = 4096;
    /** The only version of UserScramCredentialRecord in Kafka 4.3. */
    private static final short RECORD_VERSION = 0;

    private ScramBootstrapRecords() {
    }

    /** One record per user, in user-name order. */
    static List<ApiMessageAndVersion> forUsers(Map<String, String> passwords) {
        ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_512;
        ScramFormatter formatter;
        try {
            formatter = new ScramFormatter(mechanism);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no " + mechanism.hashAlgorithm(), e);
        }
        List<ApiMessageAndVersion> records = new ArrayList<>();
        new TreeMap<>(passwords).forEach((user, password) -> {
            ScramCredential credential = formatter.generateCredential(password, ITERATIONS);
            UserScramCredentialRecord record = new UserScramCredentialRecord()
                    .setName(user)
                    .setMechanism(mechanism.type())
                    .setSalt(credential.salt())
                    .setStoredKey(credential.storedKey())
                    .setServerKey(credential.serverKey())
                    .setIterations(credential.iterations());
            records.add(new ApiMessageAndVersion(record, RECORD_VERSION));
        });
        return List.copyOf(records);
    }
}
