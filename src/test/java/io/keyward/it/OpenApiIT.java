package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.keyward.it.Api.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running server serves at /openapi: swagger-parser reads it without a single message;
 * it is the checked-in META-INF/openapi.yaml (from which the build generates the client that
 * GeneratedClientApiIT drives); and it covers The Things Stack's reference (src/test/resources/openapi, a copy of
 * the contract's user-api.swagger.json): every operation ID there is here, on the same path and method, with the
 * reference's query parameters and, in its request and response messages, every field of the reference with a
 * compatible type and at least the reference's enum values.
 */
class OpenApiIT {
    /** Reference operations Keyward does not serve (UserBookmarkRegistry is not implemented). */
    private static final String NOT_SERVED = "UserBookmarkRegistry_";

    private static String liveText;
    private static OpenAPI live;

    @BeforeAll
    static void readLiveDocument() {
        Reply r = Api.get("/openapi", null);
        assertEquals(200, r.status(), r.body());
        liveText = r.body();
        live = OpenApiDocs.parse(liveText, "the live document");
    }

    @Test
    void liveDocumentIsTheCheckedInOne() throws IOException {
        String checkedIn = OpenApiDocs.checkedIn();
        OpenApiDocs.parse(checkedIn, OpenApiDocs.CHECKED_IN);
        // The server adds its own addresses under servers; everything else must be what the client was generated
        // from. Compared as data: the server writes the same YAML in its own layout.
        assertEquals(comparable(checkedIn), comparable(liveText));
    }

    private static JsonNode comparable(String yaml) throws IOException {
        ObjectNode tree = (ObjectNode) Yaml.mapper().readTree(yaml);
        tree.remove("servers");
        return tree;
    }

    @Test
    void coversTheThingsStackReference() throws IOException {
        OpenAPI reference;
        try (InputStream in = OpenApiIT.class.getClassLoader().getResourceAsStream("openapi/tts-user-api.swagger.json")) {
            ParseOptions options = new ParseOptions();
            options.setResolve(false);
            SwaggerParseResult result = new OpenAPIParser().readContents(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
            reference = result.getOpenAPI();
        }
        assertNotNull(reference, "the reference parses");
        Map<String, Located> liveOps = operations(live, "");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Located ref : operations(reference, "/api/v3").values()) {
            String id = ref.op().getOperationId();
            if (id.startsWith(NOT_SERVED)) {
                continue;
            }
            checked++;
            Located mine = liveOps.get(id);
            if (mine == null) {
                wrong.add(id + ": missing");
                continue;
            }
            if (!mine.method().equals(ref.method()) || !template(mine.path()).equals(template(ref.path()))) {
                wrong.add(id + ": " + mine.method() + " " + mine.path() + ", reference " + ref.method() + " " + ref.path());
            }
            for (Parameter p : parameters(ref)) {
                if (!"query".equals(p.getIn()) || p.getName().endsWith("email")) {
                    continue; // path parameters are compared by the template; Keyward reads no e-mail identifier
                }
                String name = p.getName().replace("[string]", ""); // grpc-gateway's spelling of a map parameter
                Parameter lp = parameters(mine).stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
                if (lp == null) {
                    wrong.add(id + ": no query parameter " + name);
                } else if (!p.getName().endsWith("[string]")) {
                    compatible(reference, p.getSchema(), lp.getSchema(), id + " ?" + name, wrong, new HashSet<>());
                }
            }
            compatible(reference, json(requestBody(reference, ref.op().getRequestBody())),
                    json(requestBody(live, mine.op().getRequestBody())), id + " request", wrong, new HashSet<>());
            for (String status : List.of("200", "default")) {
                compatible(reference, json(OpenApiDocs.response(reference, ref.op().getResponses().get(status))),
                        json(OpenApiDocs.response(live, mine.op().getResponses().get(status))), id + " " + status, wrong, new HashSet<>());
            }
        }
        assertTrue(checked >= 24, "reference operations checked: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** The reference's schema {@code ref} is matched by {@code mine}: its fields, types, formats and enum values. */
    private static void compatible(OpenAPI reference, Schema<?> ref, Schema<?> mine, String where, List<String> wrong,
                                   Set<String> seen) {
        if (ref == null) {
            return;
        }
        if (mine == null) {
            wrong.add(where + ": no schema");
            return;
        }
        ref = OpenApiDocs.schema(reference, ref);
        mine = OpenApiDocs.schema(live, mine);
        if (!seen.add(where)) {
            return;
        }
        String refType = type(ref);
        if (refType != null && !refType.equals(type(mine))) {
            wrong.add(where + ": type " + type(mine) + ", reference " + refType);
            return;
        }
        if (ref.getFormat() != null && !ref.getFormat().equals(mine.getFormat())) {
            wrong.add(where + ": format " + mine.getFormat() + ", reference " + ref.getFormat());
        }
        if (ref.getEnum() != null) {
            List<?> values = mine.getEnum() == null ? List.of() : mine.getEnum();
            for (Object v : ref.getEnum()) {
                if (!values.contains(v)) {
                    wrong.add(where + ": no enum value " + v);
                }
            }
        }
        if (ref.getItems() != null) {
            compatible(reference, ref.getItems(), mine.getItems(), where + "[]", wrong, seen);
        }
        // A map of any values (google.protobuf.Any's fields) is matched by any map or by declared fields.
        if (ref.getAdditionalProperties() instanceof Schema<?> values && !anyValue(values)) {
            Object mineValues = mine.getAdditionalProperties();
            compatible(reference, values, mineValues instanceof Schema<?> s ? s : null, where + "{}", wrong, seen);
        }
        if (ref.getProperties() != null) {
            Map<String, Schema> mineProps = mine.getProperties() == null ? Map.of() : mine.getProperties();
            ref.getProperties().forEach((name, prop) -> {
                if (!mineProps.containsKey(name)) {
                    wrong.add(where + ": no field " + name);
                } else {
                    compatible(reference, prop, mineProps.get(name), where + "." + name, wrong, seen);
                }
            });
        }
    }

    private static boolean anyValue(Schema<?> s) {
        return s.get$ref() == null && s.getProperties() == null && s.getItems() == null && s.getEnum() == null
                && (s.getType() == null || s.getType().equals("object"));
    }

    private static String type(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && s.getTypes().size() == 1) {
            return s.getTypes().iterator().next(); // OpenAPI 3.1, as the server writes it
        }
        return s.getProperties() != null ? "object" : null;
    }

    private static RequestBody requestBody(OpenAPI doc, RequestBody b) {
        if (b != null && b.get$ref() != null) {
            return doc.getComponents().getRequestBodies().get(OpenApiDocs.name(b.get$ref()));
        }
        return b;
    }

    private static Schema<?> json(Object holder) {
        Content c = holder instanceof RequestBody b ? b.getContent() : holder instanceof ApiResponse r ? r.getContent() : null;
        if (c == null || c.isEmpty()) {
            return null;
        }
        return (c.containsKey("application/json") ? c.get("application/json") : c.values().iterator().next()).getSchema();
    }

    private List<Parameter> parameters(Located l) {
        List<Parameter> out = new ArrayList<>();
        for (List<Parameter> ps : List.of(
                l.item().getParameters() == null ? List.<Parameter>of() : l.item().getParameters(),
                l.op().getParameters() == null ? List.<Parameter>of() : l.op().getParameters())) {
            for (Parameter p : ps) {
                if (p.get$ref() != null) {
                    p = l.doc().getComponents().getParameters().get(OpenApiDocs.name(p.get$ref()));
                }
                out.add(p);
            }
        }
        return out;
    }

    /** A path template without parameter names: {@code /api/v3/users/{}/api-keys/{}}. */
    private static String template(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private record Located(OpenAPI doc, String path, PathItem item, String method, Operation op) {
    }

    private static Map<String, Located> operations(OpenAPI doc, String prefix) {
        Map<String, Located> out = new HashMap<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getOperationId() != null) {
                out.put(op.getOperationId(), new Located(doc, prefix + path, item, method.name(), op));
            }
        }));
        return out;
    }
}
