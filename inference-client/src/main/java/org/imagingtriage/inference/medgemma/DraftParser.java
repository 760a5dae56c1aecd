package org.imagingtriage.inference.medgemma;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the FINDINGS / IMPRESSION / URGENCY / CRITICAL_FINDINGS answer the prompt asks for,
 * from text a language model actually writes: markdown emphasis and headings, bullets, any
 * case, text before and after.
 *
 * <p>It errs towards UNCERTAIN, which sends the draft to a human without a triage call: no
 * URGENCY heading, a value it cannot read, two different values, or ROUTINE together with
 * critical findings all give UNCERTAIN. It never guesses urgency from free text.
 */
public final class DraftParser {

  /** Longer model output is cut here before parsing; MAX_NEW_TOKENS keeps real drafts far below. */
  public static final int MAX_INPUT_CHARS = 64 * 1024;
  public static final int MAX_CRITICAL_FINDINGS = 20;
  public static final int MAX_FINDING_CHARS = 200;
  public static final int MAX_SECTION_CHARS = 8_000;

  private enum Section {
    FINDINGS,
    IMPRESSION,
    URGENCY,
    CRITICAL_FINDINGS
  }

  private static final Pattern HEADING =
      Pattern.compile(
          "^(FINDINGS|IMPRESSION|URGENCY|CRITICAL[ _-]?FINDINGS)\\s*(?:[:=\\-\u2013\u2014]\\s*(.*))?$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING_DECORATION = Pattern.compile("^[\\s#>*\\-\u2022+]+");
  private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|\\*|`");
  private static final Pattern ORDINAL = Pattern.compile("^\\(?\\d{1,2}[.)]\\s+");
  private static final Pattern ROUTINE_WORDS =
      Pattern.compile("\\b(ROUTINE|NON[- ]?URGENT|NOT URGENT)\\b");
  private static final Pattern URGENT_WORDS = Pattern.compile("\\b(URGENT|EMERGENT|STAT)\\b");
  private static final Set<String> NO_FINDINGS =
      Set.of("NONE", "NONE IDENTIFIED", "NONE SEEN", "NO", "NIL", "N/A", "NA", "NOTHING",
          "NO CRITICAL FINDINGS", "NO CRITICAL FINDING", "NONE DETECTED", "-");

  /**
   * @param text the model's output, or null
   */
  public ParsedDraft parse(String text) {
    String bounded = text == null ? "" : text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
    Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    Section current = null;
    boolean currentHasContent = false;
    for (String rawLine : bounded.split("\\R")) {
      String line = clean(rawLine);
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        current = section(heading.group(1));
        sections.computeIfAbsent(current, s -> new ArrayList<>()).add("\u0000");
        String inline = heading.group(2);
        currentHasContent = inline != null && !inline.isBlank();
        if (currentHasContent) {
          sections.get(current).add(inline.strip());
        }
      } else if (line.isBlank()) {
        // A blank line after content ends the section: what follows is usually chatter
        // ("Let me know if..."), which must not become a critical finding.
        if (currentHasContent) {
          current = null;
        }
      } else if (current != null) {
        sections.get(current).add(stripBullet(rawLine));
        currentHasContent = true;
      }
    }
    List<String> critical = criticalFindings(sections.getOrDefault(Section.CRITICAL_FINDINGS, List.of()));
    Urgency urgency = urgency(sections.getOrDefault(Section.URGENCY, List.of()));
    if (urgency == Urgency.ROUTINE && !critical.isEmpty()) {
      urgency = Urgency.UNCERTAIN;
    }
    return new ParsedDraft(
        urgency,
        critical,
        joined(sections.get(Section.FINDINGS)),
        joined(sections.get(Section.IMPRESSION)),
        !sections.isEmpty());
  }

  private static Urgency urgency(List<String> lines) {
    // Each occurrence of the heading starts with a marker; each must name exactly one value,
    // and all occurrences must agree.
    Set<Urgency> values = EnumSet.noneOf(Urgency.class);
    List<List<String>> occurrences = occurrences(lines);
    if (occurrences.isEmpty()) {
      return Urgency.UNCERTAIN;
    }
    for (List<String> occurrence : occurrences) {
      String value = String.join(" ", occurrence).toUpperCase(Locale.ROOT);
      String withoutRoutine = ROUTINE_WORDS.matcher(value).replaceAll(" ");
      boolean routine = !withoutRoutine.equals(value);
      boolean urgent = URGENT_WORDS.matcher(withoutRoutine).find();
      if (routine == urgent) {
        return Urgency.UNCERTAIN;
      }
      values.add(urgent ? Urgency.URGENT : Urgency.ROUTINE);
    }
    return values.size() == 1 ? values.iterator().next() : Urgency.UNCERTAIN;
  }

  private static List<String> criticalFindings(List<String> lines) {
    List<String> findings = new ArrayList<>();
    for (List<String> occurrence : occurrences(lines)) {
      List<String> items = new ArrayList<>();
      for (String line : occurrence) {
        for (String item : line.split("[,;]")) {
          items.add(item);
        }
      }
      for (String item : items) {
        String finding = EMPHASIS.matcher(stripBullet(item)).replaceAll("").strip();
        finding = finding.replaceAll("[.\\s]+$", "");
        if (finding.isEmpty() || NO_FINDINGS.contains(finding.toUpperCase(Locale.ROOT))) {
          continue;
        }
        if (finding.length() > MAX_FINDING_CHARS) {
          finding = finding.substring(0, MAX_FINDING_CHARS);
        }
        if (!findings.contains(finding) && findings.size() < MAX_CRITICAL_FINDINGS) {
          findings.add(finding);
        }
      }
    }
    return findings;
  }

  private static List<List<String>> occurrences(List<String> lines) {
    List<List<String>> occurrences = new ArrayList<>();
    for (String line : lines) {
      if (line.equals("\u0000")) {
        occurrences.add(new ArrayList<>());
      } else if (!occurrences.isEmpty()) {
        occurrences.get(occurrences.size() - 1).add(line);
      }
    }
    occurrences.removeIf(List::isEmpty);
    return occurrences;
  }

  private static String joined(List<String> lines) {
    if (lines == null) {
      return "";
    }
    String text =
        String.join("\n", lines.stream().filter(line -> !line.equals("\u0000")).toList()).strip();
    text = EMPHASIS.matcher(text).replaceAll("");
    return text.length() > MAX_SECTION_CHARS ? text.substring(0, MAX_SECTION_CHARS) : text;
  }

  /** A line with markdown decoration removed, for heading detection. */
  private static String clean(String line) {
    String withoutEmphasis = EMPHASIS.matcher(line).replaceAll("");
    return LEADING_DECORATION.matcher(withoutEmphasis).replaceFirst("").strip();
  }

  private static String stripBullet(String line) {
    String stripped = LEADING_DECORATION.matcher(line).replaceFirst("").strip();
    return ORDINAL.matcher(stripped).replaceFirst("").strip();
  }

  private static Section section(String heading) {
    String upper = heading.toUpperCase(Locale.ROOT);
    return upper.startsWith("CRITICAL") ? Section.CRITICAL_FINDINGS : Section.valueOf(upper);
  }
}
