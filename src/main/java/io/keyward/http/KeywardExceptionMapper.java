package io.keyward.http;

import io.keyward.error.KeywardException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Catalogue errors as TTS error bodies. A client error (4xx) is the caller's business and is not logged
 * beyond the request line; a catalogue error with a server status (5xx) is logged once, with the
 * correlation ID the body carries, so that an operator can find it from a client's report.
 */
@Provider
public class KeywardExceptionMapper implements ExceptionMapper<KeywardException> {
    private static final Logger LOG = Logger.getLogger(KeywardExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(KeywardException e) {
        return answer(e, correlationId(request));
    }

    /** The response; a 5xx is logged (message and public attributes only: never a secret, no stack). */
    static Response answer(KeywardException e, String correlationId) {
        String id = correlationId == null ? ErrorBodies.newCorrelationId() : correlationId;
        if (e.definition().code().httpStatus() >= 500) {
            LOG.severe("request failed: " + e.getMessage() + " correlation_id=" + id);
        }
        return ErrorResponses.of(e, id);
    }

    static String correlationId(HttpServletRequest request) {
        Object id = request == null ? null : request.getAttribute(RequestFilter.CORRELATION_ATTRIBUTE);
        return id instanceof String s ? s : null;
    }
}
