package io.hypersweep.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.hypersweep.api.HyperparameterSweep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step run after fabric8's CRD generator: puts the generated {@code additionalPrinterColumns}
 * in the order {@link HyperparameterSweep} declares them.
 *
 * <p>kubectl prints columns in CRD order, but the generator (7.4.0) sorts them by JSON path, which
 * would show AGE before PHASE. Only the column entries are moved, as text, so the rest of the
 * generated file stays byte for byte what the generator wrote and the build stays reproducible.
 */
public final class PrinterColumnOrder {
  private static final String KEY = "additionalPrinterColumns:";

  private PrinterColumnOrder() {}

  /** Reorders the columns of each CRD file named in {@code args}, in place. */
  public static void main(String[] args) throws IOException {
    List<String> order = declaredNames(HyperparameterSweep.class);
    for (String arg : args) {
      Path file = Path.of(arg);
      String before = Files.readString(file, StandardCharsets.UTF_8);
      String after = reorder(before, order);
      if (!after.equals(before)) {
        Files.writeString(file, after, StandardCharsets.UTF_8);
      }
    }
  }

  /** The printer-column names of {@code type}, in declaration order. */
  public static List<String> declaredNames(Class<?> type) {
    return Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }

  /**
   * The CRD YAML with every {@code additionalPrinterColumns} list sorted by {@code order}.
   *
   * @throws IllegalArgumentException if a list's column names are not exactly {@code order}, so a
   *     column added to the class but missed here fails the build instead of being dropped
   */
  public static String reorder(String yaml, List<String> order) {
    List<String> lines = new ArrayList<>(yaml.lines().toList());
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.stripLeading();
      if (!trimmed.equals(KEY) && !trimmed.equals("- " + KEY)) {
        continue;
      }
      found = true;
      int keyIndent = line.length() - trimmed.length() + (trimmed.startsWith("- ") ? 2 : 0);
      String itemPrefix = " ".repeat(keyIndent) + "- ";
      String continuation = " ".repeat(keyIndent + 2);
      int end = i + 1;
      List<List<String>> items = new ArrayList<>();
      while (end < lines.size()) {
        String l = lines.get(end);
        if (l.startsWith(itemPrefix)) {
          items.add(new ArrayList<>(List.of(l)));
        } else if (!items.isEmpty() && l.startsWith(continuation)) {
          items.get(items.size() - 1).add(l);
        } else {
          break;
        }
        end++;
      }
      Map<String, List<String>> entries = new LinkedHashMap<>();
      items.forEach(item -> entries.put(nameOf(item, itemPrefix, continuation), item));
      if (items.size() != order.size() || !entries.keySet().containsAll(order)) {
        throw new IllegalArgumentException(
            "printer columns " + entries.keySet() + " do not match the declared " + order);
      }
      List<String> sorted = new ArrayList<>();
      order.forEach(name -> sorted.addAll(entries.get(name)));
      for (int k = 0; k < sorted.size(); k++) {
        lines.set(i + 1 + k, sorted.get(k));
      }
      i = end - 1;
    }
    if (!found) {
      throw new IllegalArgumentException("no " + KEY + " in the CRD");
    }
    return String.join("\n", lines) + (yaml.endsWith("\n") ? "\n" : "");
  }

  /** The column's name, from its {@code name: "X"} line. */
  private static String nameOf(List<String> entry, String itemPrefix, String continuation) {
    for (String l : entry) {
      String field =
          l.startsWith(itemPrefix)
              ? l.substring(itemPrefix.length())
              : l.substring(continuation.length());
      if (field.startsWith("name:")) {
        return field.substring("name:".length()).strip().replace("\"", "");
      }
    }
    return "";
  }
}
