package io.hypersweep.planning;

/**
 * How finished trial records are archived: {@code chunkSize} records per ConfigMap, and the newest
 * {@code keep} finished records always stay in the status so {@code kubectl get -o yaml} shows
 * them.
 */
public record ArchiveLayout(int chunkSize, int keep) {
  /** The production layout; {@code validation.StatusBudget} sizes the status and chunks by it. */
  public static final ArchiveLayout DEFAULT = new ArchiveLayout(50, 50);

  /**
   * The default layout, or a smaller one set by the system properties {@code
   * hypersweep.archive.chunkSize} and {@code hypersweep.archive.keep} (used by tests to archive
   * within a short sweep). Values are clamped to the defaults, so the status budget still holds.
   */
  public static ArchiveLayout configured() {
    return new ArchiveLayout(
        property("hypersweep.archive.chunkSize", DEFAULT.chunkSize),
        property("hypersweep.archive.keep", DEFAULT.keep));
  }

  private static int property(String name, int max) {
    String value = System.getProperty(name);
    if (value == null) {
      return max;
    }
    try {
      return Math.max(1, Math.min(max, Integer.parseInt(value.trim())));
    } catch (NumberFormatException e) {
      return max;
    }
  }
}
