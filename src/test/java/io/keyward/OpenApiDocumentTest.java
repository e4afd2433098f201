package io.keyward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.keyward.entity.State;
import io.keyward.it.OpenApiDocs;
import io.keyward.notification.NotificationReceiver;
import io.keyward.notification.NotificationStatus;
import io.keyward.rights.Right;
import io.keyward.user.ConsoleTheme;
import io.keyward.user.ContactMethod;
import io.keyward.user.ContactType;
import io.keyward.user.DashboardLayout;
import io.keyward.wire.ProtoEnum;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document that /openapi serves (META-INF/openapi.yaml; annotation scanning is off) against the code:
 * it parses without errors, documents exactly the JAX-RS methods and the OAuth servlets, every operation is
 * complete (ID, summary, a 200 answer with a schema, errors as The Things Stack's body), and its enums are the
 * wire's. it/OpenApiIT checks the live document against this file and the TTS reference.
 */
class OpenApiDocumentTest {
    private static final String EXTENSION = "x-keyward-extension";

    private static OpenAPI document() {
        return OpenApiDocs.parse(OpenApiDocs.checkedIn(), OpenApiDocs.CHECKED_IN);
    }

    @Test
    void documentsExactlyTheServedOperations() {
        OpenAPI doc = document();
        Set<String> documented = new TreeSet<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> documented.add(method.name() + " " + path)));
        assertEquals(served(), documented, "the operations of the document are the ones the server answers");
    }

    @Test
    void everyOperationIsComplete() {
        OpenAPI doc = document();
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String where = method + " " + path;
            if (op.getOperationId() == null || !ids.add(op.getOperationId())) {
                wrong.add(where + ": no or a duplicate operationId");
            }
            if (op.getSummary() == null || op.getSummary().isBlank()) {
                wrong.add(where + ": no summary");
            }
            if (op.getTags() == null || op.getTags().isEmpty()) {
                wrong.add(where + ": no tag");
            }
            ApiResponse ok = OpenApiDocs.response(doc, op.getResponses().get("200"));
            if (ok == null || ok.getContent() == null || ok.getContent().get("application/json") == null) {
                wrong.add(where + ": no JSON 200 answer");
            }
            boolean keywardOnly = !path.startsWith("/api/v3/") || path.startsWith("/api/v3/keyward/");
            if (keywardOnly && !Boolean.TRUE.equals(extension(op))) {
                wrong.add(where + ": a Keyward extension without " + EXTENSION);
            }
            if (path.startsWith("/api/v3/")) {
                checkErrors(doc, where, op, wrong);
            }
        }));
        assertEquals(List.of(), wrong);
    }

    /** Every error answer of an /api/v3 operation is The Things Stack's error body, and the common ones are there. */
    private static void checkErrors(OpenAPI doc, String where, Operation op, List<String> wrong) {
        if (!op.getResponses().containsKey("400") && !op.getResponses().containsKey("401")) {
            wrong.add(where + ": neither 400 nor 401 documented");
        }
        if (!op.getResponses().containsKey("default") || !op.getResponses().containsKey("503")) {
            wrong.add(where + ": no default or 503 error answer");
        }
        op.getResponses().forEach((status, r) -> {
            if (status.equals("200")) {
                return;
            }
            ApiResponse resolved = OpenApiDocs.response(doc, r);
            String schema = resolved == null || resolved.getContent() == null ? null
                    : resolved.getContent().get("application/json").getSchema().get$ref();
            if (!"#/components/schemas/Status".equals(schema)) {
                wrong.add(where + " " + status + ": not the error body Status but " + schema);
            }
        });
    }

    @Test
    void enumsAreTheWires() {
        OpenAPI doc = document();
        Map<String, Class<? extends ProtoEnum>> enums = Map.of("Right", Right.class, "State", State.class,
                "NotificationStatus", NotificationStatus.class, "NotificationReceiver", NotificationReceiver.class,
                "ConsoleTheme", ConsoleTheme.class, "DashboardLayout", DashboardLayout.class,
                "ContactMethod", ContactMethod.class, "ContactType", ContactType.class);
        enums.forEach((name, type) -> {
            List<String> wire = Arrays.stream(type.getEnumConstants()).map(ProtoEnum::fullName).toList();
            assertEquals(new TreeSet<>(wire), new TreeSet<>(doc.getComponents().getSchemas().get(name).getEnum()), name);
        });
    }

    private static Object extension(Operation op) {
        return op.getExtensions() == null ? null : op.getExtensions().get(EXTENSION);
    }

    /**
     * What the server answers: every JAX-RS resource method ("GET /api/v3/users/{user_id}") and the OAuth
     * servlets (POST). Health, metrics, SCIM and the console are not part of the API document.
     */
    static Set<String> served() {
        Set<String> out = new TreeSet<>();
        String base = Arrays.stream(KeywardApplication.class.getAnnotation(ApplicationPath.class).value().split("/"))
                .filter(s -> !s.isEmpty()).map(s -> "/" + s).reduce("", String::concat);
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.keyward")) {
            Class<?> type = c.reflect();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath != null) {
                for (Method m : type.getDeclaredMethods()) {
                    String verb = httpMethod(m);
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        out.add(verb + " " + join(base, classPath.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            if (servlet != null) {
                Arrays.stream(servlet.urlPatterns()).filter(p -> p.startsWith("/oauth/")).forEach(p -> out.add("POST " + p));
            }
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            for (String s : part.split("/")) {
                if (!s.isEmpty()) {
                    b.append('/').append(s.replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}"));
                }
            }
        }
        return b.toString();
    }
}
