package org.imagingtriage.devstack.triton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/** SHA-256 over a request's inputs, independent of the order the client listed them in. */
final class RequestDigest {

    private RequestDigest() {
    }

    static byte[] of(ValidatedRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<ValidatedRequest.InputTensor> inputs = request.inputs().stream()
                    .sorted(Comparator.comparing(ValidatedRequest.InputTensor::name))
                    .toList();
            for (ValidatedRequest.InputTensor input : inputs) {
                sha.update((input.name() + "\u0000" + input.type() + "\u0000" + input.shape() + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
                sha.update(input.data().asReadOnlyByteBuffer());
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
