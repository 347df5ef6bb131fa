package io.hypersweep.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${params.NAME}}, {@code ${trial.number}} and {@code ${sweep.name}} in template
 * strings; any other {@code ${...}} is left for the shell or the trainer.
 */
public final class ParameterSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(params\\.([^}]*)|trial\\.number|sweep\\.name)\\}");

  private ParameterSubstitution() {}

  /** The parameter names {@code text} refers to that are not in {@code known}. */
  public static List<String> unknownReferences(String text, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    if (text == null) {
      return unknown;
    }
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      if (m.group(2) != null && !known.contains(m.group(2))) {
        unknown.add(m.group(2));
      }
    }
    return unknown;
  }

  /** {@code text} with every reference replaced. */
  public static String apply(
      String text, Map<String, String> params, int trialNumber, String sweepName) {
    if (text == null || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(2) != null) {
        replacement = params.getOrDefault(m.group(2), m.group());
      } else if (m.group(1).equals("trial.number")) {
        replacement = Integer.toString(trialNumber);
      } else {
        replacement = sweepName;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
