package org.imagingtriage.inference.medgemma;

/** The model's triage call, as the draft's urgency field records it. */
public enum Urgency {
  URGENT,
  ROUTINE,
  /** The text gave no urgency, an unreadable one, or contradicted itself: a human decides. */
  UNCERTAIN
}
