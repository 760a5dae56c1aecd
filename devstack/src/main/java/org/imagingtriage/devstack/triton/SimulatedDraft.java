package org.imagingtriage.devstack.triton;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The text the simulator returns as MedGemma's DRAFT: a pure function of the image's SHA-256, so
 * a test that knows the image knows the draft. It always starts with {@link #MARKER} on a line of
 * its own and then answers in the structure the real prompt asks for (FINDINGS, IMPRESSION,
 * URGENCY: URGENT|ROUTINE, CRITICAL_FINDINGS), so the pipeline's parser sees realistic input:
 * three images in eight come out URGENT with critical findings, the rest ROUTINE with none.
 */
public final class SimulatedDraft {

    /** First line of every simulated draft. */
    public static final String MARKER = "[SIMULATED — not a model output]";

    private record Scenario(String findings, String impression, boolean urgent, List<String> critical) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("Simulated: lungs clear, no focal consolidation, effusion or pneumothorax.",
                    "Simulated: no acute abnormality.", false, List.of()),
            new Scenario("Simulated: mild degenerative changes; no acute osseous abnormality.",
                    "Simulated: no acute findings.", false, List.of()),
            new Scenario("Simulated: small linear opacity at the left base, likely atelectasis.",
                    "Simulated: minor basal atelectasis, no acute process.", false, List.of()),
            new Scenario("Simulated: heart size at the upper limit of normal; lungs clear.",
                    "Simulated: borderline cardiomegaly, otherwise unremarkable.", false, List.of()),
            new Scenario("Simulated: large right-sided pneumothorax with mediastinal shift.",
                    "Simulated: tension pneumothorax pattern.", true, List.of("tension pneumothorax")),
            new Scenario("Simulated: dense consolidation of the right lower lobe with air bronchograms.",
                    "Simulated: lobar pneumonia.", true, List.of("lobar consolidation", "possible pneumonia")),
            new Scenario("Simulated: multiple nodules, the largest 14 mm in the right upper lobe.",
                    "Simulated: pulmonary nodules needing follow-up.", false, List.of()),
            new Scenario("Simulated: free subdiaphragmatic air under the right hemidiaphragm.",
                    "Simulated: pneumoperitoneum.", true, List.of("free intraperitoneal air")));

    private SimulatedDraft() {
    }

    /** The draft for an image given as its bytes (for MedGemma: the 896x896x3 uint8 tensor). */
    public static String forImage(byte[] image) {
        Objects.requireNonNull(image, "image must not be null");
        return forImageSha256(sha256(ByteBuffer.wrap(image)));
    }

    /** The draft for an image given as the SHA-256 of its bytes. */
    public static String forImageSha256(byte[] sha256) {
        Objects.requireNonNull(sha256, "sha256 must not be null");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        // The first byte picks the scenario: 8 scenarios, 3 of them urgent.
        Scenario scenario = SCENARIOS.get(Byte.toUnsignedInt(sha256[0]) % SCENARIOS.size());
        String reference = HexFormat.of().formatHex(sha256, 0, 6);
        return MARKER + "\n"
                + "FINDINGS: " + scenario.findings + " (simulation reference " + reference + ")\n"
                + "IMPRESSION: " + scenario.impression + "\n"
                + "URGENCY: " + (scenario.urgent ? "URGENT" : "ROUTINE") + "\n"
                + "CRITICAL_FINDINGS: " + (scenario.critical.isEmpty() ? "none" : String.join(", ", scenario.critical)) + "\n";
    }

    static byte[] sha256(ByteBuffer data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
