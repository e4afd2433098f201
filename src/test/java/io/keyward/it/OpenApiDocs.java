package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The OpenAPI document in the tests: the checked-in file, parsed with swagger-parser, and its references. */
public final class OpenApiDocs {
    /** Served at /openapi as written (annotation scanning is off); the test client is generated from it. */
    public static final String CHECKED_IN = "META-INF/openapi.yaml";

    private OpenApiDocs() {
    }

    public static String checkedIn() {
        try (InputStream in = OpenApiDocs.class.getClassLoader().getResourceAsStream(CHECKED_IN)) {
            assertNotNull(in, CHECKED_IN + " on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(CHECKED_IN, e);
        }
    }

    /** The document, parsed without resolving references; fails on any parser message. */
    public static OpenAPI parse(String text, String what) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(), what + ": parser messages");
        assertNotNull(result.getOpenAPI(), what);
        assertNotNull(result.getOpenAPI().getPaths(), what + ": paths");
        return result.getOpenAPI();
    }

    /** A response, or the component it refers to. */
    public static ApiResponse response(OpenAPI doc, ApiResponse r) {
        if (r != null && r.get$ref() != null) {
            return doc.getComponents().getResponses().get(name(r.get$ref()));
        }
        return r;
    }

    /** A schema, or the component it refers to (followed to the end). */
    public static Schema<?> schema(OpenAPI doc, Schema<?> s) {
        while (s != null && s.get$ref() != null) {
            s = doc.getComponents().getSchemas().get(name(s.get$ref()));
        }
        return s;
    }

    /** The last segment of a local reference: {@code #/components/schemas/User} → {@code User}. */
    public static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
