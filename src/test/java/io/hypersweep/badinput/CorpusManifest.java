package io.hypersweep.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One corpus manifest file and its header expectations.
 *
 * <p>The header is {@code # expect: <field>} (the field a rejection must name) and {@code # layer:
 * schema|cel|operator} (the first layer that must reject it).
 */
record CorpusManifest(String name, String yaml, Optional<String> expect, Optional<Layer> layer) {
  static final Path INVALID = Path.of("src/test/resources/invalid-manifests");
  static final Path VALID = Path.of("src/test/resources/valid-manifests");

  static CorpusManifest read(Path file) {
    try {
      String yaml = Files.readString(file);
      return new CorpusManifest(
          file.getFileName().toString(),
          yaml,
          header(yaml, "expect"),
          header(yaml, "layer").map(Layer::parse));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifests of a folder, by file name. */
  static List<CorpusManifest> all(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(CorpusManifest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of a {@code # key: value} line in the leading comment block. */
  private static Optional<String> header(String yaml, String key) {
    for (String line : yaml.split("\n", 20)) {
      if (!line.startsWith("#")) {
        break;
      }
      String body = line.substring(1).trim();
      if (body.startsWith(key + ":")) {
        return Optional.of(body.substring(key.length() + 1).trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name;
  }
}
