package io.hypersweep.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs {@code docs/argocd-health.lua} the way Argo CD runs a custom health check: the resource, as
 * its JSON, is the global {@code obj}, and the script returns a table with {@code status} and
 * {@code message}.
 */
public final class HealthScript {
  public static final Path SCRIPT = Path.of("docs/argocd-health.lua");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What Argo CD would show for the resource. */
  public record Health(String status, String message) {}

  private HealthScript() {}

  /** The health of a resource (anything fabric8 can serialize, e.g. a HyperparameterSweep). */
  public static Health of(Object resource) {
    try {
      return evaluate(JSON.readTree(Serialization.asJson(resource)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The health of a resource given as JSON. */
  public static Health evaluate(JsonNode resource) {
    String script;
    try {
      script = Files.readString(SCRIPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(resource));
    LuaValue result = globals.load(script, SCRIPT.getFileName().toString()).call();
    return new Health(result.get("status").tojstring(), result.get("message").tojstring());
  }

  /** JSON as gopher-lua gives it to Argo CD scripts: objects and arrays become tables. */
  private static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        table.set(e.getKey(), toLua(e.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
