package io.keyward.http;

import io.keyward.error.KeywardException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class KeywardExceptionMapper implements ExceptionMapper<KeywardException> {
    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(KeywardException e) {
        return ErrorResponses.of(e, correlationId(request));
    }

    static String correlationId(HttpServletRequest request) {
        Object id = request == null ? null : request.getAttribute(RequestFilter.CORRELATION_ATTRIBUTE);
        return id instanceof String s ? s : null;
    }
}
