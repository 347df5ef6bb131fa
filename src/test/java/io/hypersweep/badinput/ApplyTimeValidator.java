package io.hypersweep.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Apply-time checks of a HyperparameterSweep: the published CRD's schema and its CEL rules.
 *
 * <p>The schema is checked with networknt's JSON-schema validator, the CEL rules with dev.cel.
 *
 * <p>The CRD schema is OpenAPI v3 with Kubernetes extensions, which are not JSON Schema keywords.
 * Before validating, the schema is translated the way the API server reads it:
 *
 * <ul>
 *   <li>{@code x-kubernetes-int-or-string: true} becomes {@code anyOf: [integer, string]} (the
 *       generator already writes that anyOf next to it; it is added where missing).
 *   <li>Unknown fields: the API server prunes fields that the schema does not declare, and {@code
 *       kubectl apply} (strict field validation, the default since Kubernetes 1.27) turns every
 *       such field into an error. So every {@code type: object} node without {@code
 *       additionalProperties} and without {@code x-kubernetes-preserve-unknown-fields: true} gets
 *       {@code additionalProperties: false}; preserve-unknown-fields nodes accept anything.
 *   <li>The root gets {@code apiVersion}, {@code kind} and {@code metadata}, which the API server
 *       validates itself for every resource; of metadata only {@code name} is modelled (a DNS-1123
 *       subdomain of at most 253 characters), other metadata fields are let through.
 * </ul>
 *
 * <p>The manifest is turned into what the API server would validate: YAML is converted to JSON by
 * kubectl, which cannot encode NaN or infinities (a manifest with {@code .nan} or {@code .inf} is
 * refused before it is sent, reported here as a schema error at that field); integers beyond int64
 * arrive as floats, which are not JSON-schema integers (also a schema error); and fields set to
 * null are pruned, as the API server does for non-nullable fields.
 *
 * <p>CEL rules are evaluated where the API server evaluates them: walking the schema along the
 * manifest (properties, additionalProperties, items) and evaluating each node's {@code
 * x-kubernetes-validations} with {@code self} bound to the value there, numbers typed by the schema
 * ({@code number} as double, {@code integer} as int).
 *
 * <p>Transition rules (those reading {@code oldSelf}) are evaluated only for an update, with {@code
 * oldSelf} bound to the stored value at the same place, and only where the API server can correlate
 * the two: along object properties and map keys, never into list items. On create they are skipped,
 * as the API server skips them.
 */
final class ApplyTimeValidator {
  static final Path CRD = Path.of("crds/hyperparametersweeps.hypersweep.io-v1.yml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What Kubernetes requires of metadata.name for a custom resource. */
  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A rule that reads {@code oldSelf}: a transition rule. */
  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  /** A field a CEL expression reads below {@code self}, e.g. {@code self.sampling.algorithm}. */
  private static final Pattern SELF_FIELD = Pattern.compile("self((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();

  private final JsonNode openApi;
  private final JsonSchema strictSchema;
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  private ApplyTimeValidator(JsonNode openApi) {
    this.openApi = openApi;
    ObjectNode strict = openApi.deepCopy();
    tighten(strict);
    addRootFields(strict);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    this.strictSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict, config);
  }

  /** Loads the committed CRD from the repository root. */
  static ApplyTimeValidator load() throws IOException {
    JsonNode crd = YAML.readTree(CRD.toFile());
    return new ApplyTimeValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
  }

  /** The CRD's schema, as published. */
  JsonNode openApiSchema() {
    return openApi;
  }

  // ---- the manifest as the API server receives it ----

  /**
   * Reads a YAML manifest as kubectl does (YAML 1.1, so {@code .nan} and {@code .inf} are floats),
   * keeping NaN and infinities so that they can be reported rather than failing the parse.
   */
  static JsonNode readManifest(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
    return JSON.valueToTree(loaded);
  }

  /**
   * Problems that stop the manifest from reaching the schema as written: non-finite numbers
   * (kubectl cannot encode them) and integers beyond int64.
   */
  static List<Rejection> unsendable(JsonNode manifest) {
    List<Rejection> out = new ArrayList<>();
    scanNumbers(manifest, "", out);
    return out;
  }

  private static void scanNumbers(JsonNode node, String path, List<Rejection> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> scanNumbers(e.getValue(), join(path, e.getKey()), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        scanNumbers(node.get(i), path + "[" + i + "]", out);
      }
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      out.add(
          Rejection.of(
              Layer.SCHEMA,
              path,
              node.doubleValue() + " cannot be encoded as JSON: kubectl refuses the manifest"));
    } else if (node.isBigInteger()
        && node.bigIntegerValue().bitLength() >= Long.SIZE
        && !node.bigIntegerValue().equals(BigInteger.valueOf(Long.MIN_VALUE))) {
      out.add(
          Rejection.of(
              Layer.SCHEMA,
              path,
              node.bigIntegerValue() + " is beyond int64: the API server reads it as a float"));
    }
  }

  /** A copy without null-valued object fields, which the API server prunes. */
  static JsonNode pruneNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  copy.set(e.getKey(), pruneNulls(e.getValue()));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> copy.add(pruneNulls(n)));
      return copy;
    }
    return node;
  }

  // ---- schema ----

  /** Schema errors for a manifest (already pruned of nulls), each naming its field. */
  List<Rejection> schemaErrors(JsonNode manifest) {
    List<Rejection> out = new ArrayList<>(unsendable(manifest));
    for (ValidationMessage m : strictSchema.validate(manifest)) {
      String field = dotted(m.getInstanceLocation());
      String type = m.getType();
      if (m.getProperty() != null && ("required".equals(type) || isAdditional(type))) {
        field = join(field, m.getProperty());
      }
      out.add(Rejection.of(Layer.SCHEMA, field, m.getMessage()));
    }
    return out;
  }

  private static boolean isAdditional(String type) {
    return "additionalProperties".equals(type) || "unevaluatedProperties".equals(type);
  }

  private static String dotted(JsonNodePath path) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        s.append('[').append(index).append(']');
      } else {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(element);
      }
    }
    return s.toString();
  }

  private static void tighten(JsonNode node) {
    if (node.isArray()) {
      node.forEach(ApplyTimeValidator::tighten);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode o = (ObjectNode) node;
    boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (o.path("x-kubernetes-int-or-string").asBoolean(false) && !o.has("anyOf")) {
      o.remove("type");
      ArrayNode anyOf = o.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    if ("object".equals(o.path("type").asText()) && !preserve && !o.has("additionalProperties")) {
      o.put("additionalProperties", false);
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      if (names.next().startsWith("x-kubernetes-")) {
        names.remove();
      }
    }
    o.path("properties").forEach(ApplyTimeValidator::tighten);
    if (o.path("additionalProperties").isObject()) {
      tighten(o.get("additionalProperties"));
    }
    for (String key : List.of("items", "anyOf", "allOf", "oneOf", "not")) {
      if (o.has(key)) {
        tighten(o.get(key));
      }
    }
  }

  private static void addRootFields(ObjectNode root) {
    ObjectNode properties = (ObjectNode) root.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    ObjectNode metadata = properties.putObject("metadata");
    metadata.put("type", "object");
    ObjectNode name = metadata.putObject("properties").putObject("name");
    name.put("type", "string").put("maxLength", 253).put("pattern", DNS_SUBDOMAIN);
  }

  // ---- CEL ----

  /** CEL rule failures for a manifest (already pruned of nulls), at each rule's location. */
  List<Rejection> celErrors(JsonNode manifest) {
    return celErrors(manifest, null);
  }

  /**
   * CEL rule failures for an update from {@code stored} (the object as the API server holds it,
   * status included) to {@code manifest}; with {@code stored} null, a create.
   */
  List<Rejection> celErrors(JsonNode manifest, JsonNode stored) {
    List<Rejection> out = new ArrayList<>();
    walk(openApi, manifest, stored, "", out);
    return out;
  }

  private void walk(
      JsonNode schema, JsonNode value, JsonNode old, String path, List<Rejection> out) {
    if (schema == null || schema.isMissingNode() || value == null || value.isNull()) {
      return;
    }
    JsonNode oldValue = old == null || old.isNull() || old.isMissingNode() ? null : old;
    JsonNode rules = schema.path("x-kubernetes-validations");
    if (rules.size() > 0) {
      Object self = celValue(value, schema);
      Object oldSelf = oldValue == null ? null : celValue(oldValue, schema);
      for (JsonNode rule : rules) {
        boolean transition = OLD_SELF.matcher(rule.get("rule").asText()).find();
        if (!transition || oldSelf != null) {
          evaluate(rule, self, oldSelf, path, out);
        }
      }
    }
    if (value.isObject()) {
      value
          .fields()
          .forEachRemaining(
              e ->
                  walk(
                      childSchema(schema, e.getKey()),
                      e.getValue(),
                      oldValue == null || !oldValue.isObject() ? null : oldValue.get(e.getKey()),
                      join(path, e.getKey()),
                      out));
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), null, path + "[" + i + "]", out);
      }
    }
  }

  private void evaluate(
      JsonNode rule, Object self, Object oldSelf, String path, List<Rejection> out) {
    String expression = rule.get("rule").asText();
    String message = rule.path("message").asText(expression);
    Set<String> fields = new LinkedHashSet<>();
    String fieldPath = rule.path("fieldPath").asText("");
    fields.add(fieldPath.isEmpty() ? path : join(path, fieldPath.substring(1)));
    Matcher m = SELF_FIELD.matcher(expression);
    while (m.find()) {
      fields.add(join(path, m.group(1).substring(1)));
    }
    Object result;
    try {
      result =
          program(expression)
              .eval(
                  oldSelf == null
                      ? Map.of("self", self)
                      : Map.of("self", self, "oldSelf", oldSelf));
    } catch (Exception e) {
      result = "evaluation error: " + e.getMessage();
    }
    if (!Boolean.TRUE.equals(result)) {
      String why = Boolean.FALSE.equals(result) ? message : message + " (" + result + ")";
      out.add(new Rejection(Layer.CEL, List.copyOf(fields), why));
    }
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            return CEL.createProgram(CEL.compile(e).getAst());
          } catch (Exception ex) {
            throw new IllegalStateException("CEL rule does not compile: " + e, ex);
          }
        });
  }

  private static JsonNode childSchema(JsonNode schema, String key) {
    if (schema == null) {
      return null;
    }
    JsonNode child = schema.path("properties").get(key);
    if (child == null && schema.path("additionalProperties").isObject()) {
      child = schema.get("additionalProperties");
    }
    return child;
  }

  /** The value as CEL sees it, numbers typed by the schema. */
  private static Object celValue(JsonNode value, JsonNode schema) {
    String type = schema == null ? "" : schema.path("type").asText("");
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  map.put(e.getKey(), celValue(e.getValue(), childSchema(schema, e.getKey())));
                }
              });
      return map;
    }
    if (value.isArray()) {
      JsonNode items = schema == null ? null : schema.get("items");
      List<Object> list = new ArrayList<>();
      value.forEach(v -> list.add(celValue(v, items)));
      return list;
    }
    if (value.isNumber()) {
      if (type.equals("number")) {
        return value.doubleValue();
      }
      if (type.equals("integer") || value.canConvertToLong() && value.isIntegralNumber()) {
        return value.longValue();
      }
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNull()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    return value.asText();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
