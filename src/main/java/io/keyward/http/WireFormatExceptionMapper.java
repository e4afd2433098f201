package io.keyward.http;

import io.keyward.wire.WireFormatException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class WireFormatExceptionMapper implements ExceptionMapper<WireFormatException> {
    @Override
    public Response toResponse(WireFormatException e) {
        return ErrorResponses.of(e);
    }
}
