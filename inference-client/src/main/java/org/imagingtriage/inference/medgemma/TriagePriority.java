package org.imagingtriage.inference.medgemma;

/**
 * The clinical priority of an image event, mapped to Triton's priority levels of the
 * medgemma-4b-it model (priority_levels 2): STAT and URGENT go first.
 */
public enum TriagePriority {
  STAT(1),
  URGENT(1),
  ROUTINE(2);

  private final long tritonLevel;

  TriagePriority(long tritonLevel) {
    this.tritonLevel = tritonLevel;
  }

  /** The value of the request's "priority" parameter; 1 is the highest level. */
  public long tritonLevel() {
    return tritonLevel;
  }
}
