package io.hypersweep.local;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hypersweep.trial.TrialLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the local command of a trial container: the pod annotation hypersweep.io/local-command
 * (standing in for the image's entrypoint) or the container's command, followed by its args.
 */
final class LocalCommand {
  static final String MISSING =
      "no local command: set the pod-template annotation "
          + TrialLabels.LOCAL_COMMAND
          + " or the container's command";

  private LocalCommand() {}

  static List<String> of(Pod pod, Container container) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String local = annotations == null ? null : annotations.get(TrialLabels.LOCAL_COMMAND);
    List<String> command = new ArrayList<>();
    if (local != null && !local.isBlank()) {
      command.addAll(split(local));
    } else if (container.getCommand() != null) {
      command.addAll(container.getCommand());
    }
    if (command.isEmpty()) {
      return List.of();
    }
    if (container.getArgs() != null) {
      command.addAll(container.getArgs());
    }
    return command;
  }

  /** Splits like a POSIX shell does for words, quotes and backslashes; nothing else. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
