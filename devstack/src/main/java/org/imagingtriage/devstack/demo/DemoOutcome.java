package org.imagingtriage.devstack.demo;

/** What the demo saw: drafts and dead letters read back, and whether it got all it waited for. */
public record DemoOutcome(int drafts, int simulatedDrafts, int deadLetters, boolean complete) {
}
