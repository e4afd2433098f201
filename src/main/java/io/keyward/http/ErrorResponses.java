package io.keyward.http;

import io.keyward.error.GrpcCode;
import io.keyward.error.KeywardException;
import io.keyward.wire.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** HTTP responses for errors: the status from the gRPC code, WWW-Authenticate on every 401. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(KeywardException e) {
        return retryAfter(e, build(e.definition().code(), ErrorBodies.of(e), e.getMessage()));
    }

    public static Response of(KeywardException e, String correlationId) {
        return retryAfter(e, build(e.definition().code(), correlationId == null ? ErrorBodies.of(e) : ErrorBodies.of(e, correlationId),
                e.getMessage()));
    }

    /** An error that says when to come back ({@code retry_after}, seconds) says it in the header too. */
    private static Response retryAfter(KeywardException e, Response r) {
        Object seconds = e.attributes().get("retry_after");
        if (seconds == null) {
            return r;
        }
        return Response.fromResponse(r).header("Retry-After", seconds.toString()).build();
    }

    /**
     * The same answer written to a servlet response, for errors found before the request reaches JAX-RS
     * (filters).
     */
    public static void write(HttpServletResponse response, KeywardException e, String correlationId) throws IOException {
        write(response, e.definition().code().httpStatus(), e, correlationId);
    }

    /** As {@link #write(HttpServletResponse, KeywardException, String)}, with a status of the caller's choice. */
    public static void write(HttpServletResponse response, int status, KeywardException e, String correlationId) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        Object seconds = e.attributes().get("retry_after");
        if (seconds != null) {
            response.setHeader("Retry-After", seconds.toString());
        }
        JsonObject body = correlationId == null ? ErrorBodies.of(e) : ErrorBodies.of(e, correlationId);
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Response of(WireFormatException e) {
        return build(e.code(), ErrorBodies.plain(e.code(), e.getMessage()), e.getMessage());
    }

    public static Response plain(GrpcCode code, String message) {
        return build(code, ErrorBodies.plain(code, message), message);
    }

    private static Response build(GrpcCode code, JsonObject body, String message) {
        Response.ResponseBuilder r = Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (code == GrpcCode.UNAUTHENTICATED) {
            r.header("WWW-Authenticate", message);
        }
        return r.build();
    }
}
