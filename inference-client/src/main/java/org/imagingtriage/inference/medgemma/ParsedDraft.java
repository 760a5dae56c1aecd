package org.imagingtriage.inference.medgemma;

import java.util.List;

/**
 * What the parser read from MedGemma's text.
 *
 * @param structured whether any of the requested headings was found
 */
public record ParsedDraft(
    Urgency urgency,
    List<String> criticalFindings,
    String findings,
    String impression,
    boolean structured) {

  public ParsedDraft {
    criticalFindings = List.copyOf(criticalFindings);
  }
}
