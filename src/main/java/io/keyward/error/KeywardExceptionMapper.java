package io.keyward.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class KeywardExceptionMapper implements ExceptionMapper<KeywardException> {
    @Override
    public Response toResponse(KeywardException e) {
        return ErrorResponses.of(e);
    }
}
